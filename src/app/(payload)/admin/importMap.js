import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ReadabilityPanel as ReadabilityPanel_db521a70680ac15738cea929a7917b9e } from '../../../../src/readability/admin/ReadabilityPanel'
import { RefreshOnDocumentChange as RefreshOnDocumentChange_5bb928d5ce8f747413e2dd1099221de5 } from '../../../../src/admin/ui/RefreshOnDocumentChange'
import { WorkflowPanel as WorkflowPanel_cff2e4ec397c5d2b5d6a3c2202121637 } from '../../../../src/workflow/admin/WorkflowPanel'
import { TranslationStates as TranslationStates_6f1236ae3600495771106295412f681b } from '../../../../src/localization/admin/TranslationStates'
import { WorkflowHistory as WorkflowHistory_dc73db24694d9600f741bb59fe799ec8 } from '../../../../src/workflow/admin/WorkflowHistory'
import { ReviewDueLink as ReviewDueLink_2c241f3f8d72e1ec58fd79757e5ffb42 } from '../../../../src/workflow/admin/ReviewDueLink'
import { LiveWritesThroughWorkflow as LiveWritesThroughWorkflow_8c56c1be080a7aa58100b0eeed661d6f } from '../../../../src/workflow/admin/LiveWritesThroughWorkflow'
import { TranslateView as TranslateView_3cc7e476c7a3ae31ad38e201a3f2f42a } from '../../../../src/localization/admin/TranslateView'
import { TranslateTab as TranslateTab_737062cb5ccee0a6dadcd5ed177199bf } from '../../../../src/admin/ui/DocumentTabs'
import { ReviewView as ReviewView_71d46046a35fc0b33650d47116915111 } from '../../../../src/workflow/admin/ReviewView'
import { ReviewTab as ReviewTab_737062cb5ccee0a6dadcd5ed177199bf } from '../../../../src/admin/ui/DocumentTabs'
import { PreviewView as PreviewView_d5782119d6f57211dadb1f795d135371 } from '../../../../src/publishing/admin/PreviewView'
import { PreviewTab as PreviewTab_737062cb5ccee0a6dadcd5ed177199bf } from '../../../../src/admin/ui/DocumentTabs'
import { CoverageView as CoverageView_3b87c13bdbaedf877c312f0660664f6b } from '../../../../src/localization/admin/CoverageView'
import { ReviewDueView as ReviewDueView_a221e9a1f13a65652f57f6fd3c7c4b01 } from '../../../../src/workflow/admin/ReviewDueView'
import { SendProgress as SendProgress_8969bc3993c1e96ee9ba4651544e8f64 } from '../../../../src/newsletter/admin/SendProgress'
import { RotateSecretField as RotateSecretField_b5650949a4c945fe15b26185c0863c4f } from '../../../../src/webhooks/admin/RotateSecretField'
import { RedeliverButton as RedeliverButton_b8b9aa2d09b8d6ef9689848337c13100 } from '../../../../src/webhooks/admin/RedeliverButton'
import { RoleDashboard as RoleDashboard_1388e1318058db3140ae39d8b073537b } from '../../../../src/dashboard/RoleDashboard'
import { WorkNavLinks as WorkNavLinks_a8de87f17c5cbdd70af9ffcb07f855aa } from '../../../../src/admin/ui/nav/WorkNavLinks'
import { AdminLanguageSync as AdminLanguageSync_9cf99a47a07a6b999b27670f79c520a4 } from '../../../../src/admin/ui/language/AdminLanguageSync'
import { SendLogView as SendLogView_94eed123d327484c40a44c293f228205 } from '../../../../src/newsletter/admin/SendLogView'
import { SuppressionListView as SuppressionListView_d0bdc0644e78d444b32a4cba6aed2cc0 } from '../../../../src/newsletter/admin/SuppressionListView'
import { PublishLogView as PublishLogView_1450d32e0722b4cb590367dff9a1865d } from '../../../../src/publishing/admin/PublishLogView'
import { DeliveryLogView as DeliveryLogView_f150f5a910d772fb58cf5e28f0a72676 } from '../../../../src/webhooks/admin/DeliveryLogView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/readability/admin/ReadabilityPanel#ReadabilityPanel": ReadabilityPanel_db521a70680ac15738cea929a7917b9e,
  "/src/admin/ui/RefreshOnDocumentChange#RefreshOnDocumentChange": RefreshOnDocumentChange_5bb928d5ce8f747413e2dd1099221de5,
  "/src/workflow/admin/WorkflowPanel#WorkflowPanel": WorkflowPanel_cff2e4ec397c5d2b5d6a3c2202121637,
  "/src/localization/admin/TranslationStates#TranslationStates": TranslationStates_6f1236ae3600495771106295412f681b,
  "/src/workflow/admin/WorkflowHistory#WorkflowHistory": WorkflowHistory_dc73db24694d9600f741bb59fe799ec8,
  "/src/workflow/admin/ReviewDueLink#ReviewDueLink": ReviewDueLink_2c241f3f8d72e1ec58fd79757e5ffb42,
  "/src/workflow/admin/LiveWritesThroughWorkflow#LiveWritesThroughWorkflow": LiveWritesThroughWorkflow_8c56c1be080a7aa58100b0eeed661d6f,
  "/src/localization/admin/TranslateView#TranslateView": TranslateView_3cc7e476c7a3ae31ad38e201a3f2f42a,
  "/src/admin/ui/DocumentTabs#TranslateTab": TranslateTab_737062cb5ccee0a6dadcd5ed177199bf,
  "/src/workflow/admin/ReviewView#ReviewView": ReviewView_71d46046a35fc0b33650d47116915111,
  "/src/admin/ui/DocumentTabs#ReviewTab": ReviewTab_737062cb5ccee0a6dadcd5ed177199bf,
  "/src/publishing/admin/PreviewView#PreviewView": PreviewView_d5782119d6f57211dadb1f795d135371,
  "/src/admin/ui/DocumentTabs#PreviewTab": PreviewTab_737062cb5ccee0a6dadcd5ed177199bf,
  "/src/localization/admin/CoverageView#CoverageView": CoverageView_3b87c13bdbaedf877c312f0660664f6b,
  "/src/workflow/admin/ReviewDueView#ReviewDueView": ReviewDueView_a221e9a1f13a65652f57f6fd3c7c4b01,
  "/src/newsletter/admin/SendProgress#SendProgress": SendProgress_8969bc3993c1e96ee9ba4651544e8f64,
  "/src/webhooks/admin/RotateSecretField#RotateSecretField": RotateSecretField_b5650949a4c945fe15b26185c0863c4f,
  "/src/webhooks/admin/RedeliverButton#RedeliverButton": RedeliverButton_b8b9aa2d09b8d6ef9689848337c13100,
  "/src/dashboard/RoleDashboard#RoleDashboard": RoleDashboard_1388e1318058db3140ae39d8b073537b,
  "/src/admin/ui/nav/WorkNavLinks#WorkNavLinks": WorkNavLinks_a8de87f17c5cbdd70af9ffcb07f855aa,
  "/src/admin/ui/language/AdminLanguageSync#AdminLanguageSync": AdminLanguageSync_9cf99a47a07a6b999b27670f79c520a4,
  "/src/newsletter/admin/SendLogView#SendLogView": SendLogView_94eed123d327484c40a44c293f228205,
  "/src/newsletter/admin/SuppressionListView#SuppressionListView": SuppressionListView_d0bdc0644e78d444b32a4cba6aed2cc0,
  "/src/publishing/admin/PublishLogView#PublishLogView": PublishLogView_1450d32e0722b4cb590367dff9a1865d,
  "/src/webhooks/admin/DeliveryLogView#DeliveryLogView": DeliveryLogView_f150f5a910d772fb58cf5e28f0a72676,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
