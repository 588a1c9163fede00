// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/defs.h>

class wxMenu;
class wxMenuBar;

// The workbench's menu bar: its items' ids and how the menus are laid out. MainFrame binds
// the actions to the ids.
namespace quire::gui {

enum MenuId {
    kOpenDemo = wxID_HIGHEST + 1,
    kImport,
    kImportRefi,
    kExportRefi,
    kExportQdc,
    kExportSegments,
    kExportCodebook,
    kExportReport,
    kNewCode,
    kNewChildCode,
    kRenameCode,
    kRecolourCode,
    kEditCode,
    kMoveCode,
    kMergeCode,
    kDeleteCode,
    kApplyCode,
    kDeleteDocument,
    kRemoveCoding,
    kAgreement,
    kSearch,
    kMemoOfSelection,
    kMemoList,
    kCases,
    kAttributeSheet,
    kRetrievedSegments,
};

// The coder's keyboard, view and find items (main_frame_coding.cpp), numbered apart from
// the ones above.
enum CodingMenuId {
    kRecentCode1 = wxID_HIGHEST + 200,  // kRecentCode1 + n - 1 codes with recent code n: Ctrl+n
    kCodeInVivo = kRecentCode1 + 9,
    kQuickCode,
    kFitCoding,
    kRecodeCoding,
    kSnapToWords,
    kBlindCoding,
    kShowCoders,
    kHideCode,
    kShowAllCodes,
    kFindInTranscript,
    kFindNext,
    kFindPrevious,
    kZoomIn,
    kZoomOut,
    kZoomReset,
    kCountCodings,
    kCountDocuments,
    kCountCoverage,
    kCountThisDocument,
};
inline constexpr int kRecentCodes = 9;

// File > Open Recent: kRecentProject1 + n - 1 opens the n-th most recent project.
enum RecentProjectMenuId { kRecentProject1 = wxID_HIGHEST + 250 };
inline constexpr int kRecentProjects = 9;

// Document groups and attribute tables (groups_ui.cpp, attribute_import_ui.cpp), numbered
// apart from the ones above.
enum GroupMenuId {
    kNewGroup = wxID_HIGHEST + 300,
    kRenameGroup,
    kDeleteGroup,
    kAssignToGroup,
    kUnassignFromGroup,
    kImportAttributes,
    kExportAttributes,
};

inline constexpr int kGroupMenuItems[] = {kNewGroup,        kRenameGroup,       kDeleteGroup,
                                          kAssignToGroup,   kUnassignFromGroup, kImportAttributes,
                                          kExportAttributes};

// Analyse's coding queries, matrices, co-occurrence and charts (main_frame_queries.cpp),
// numbered apart from the ones above.
enum QueryMenuId {
    kCodingQuery = wxID_HIGHEST + 350,
    kMatrix,
    kCooccurrence,
    kCodeChart,
};

// Teams (main_frame_team.cpp): copies handed out to coders, merged back, and the audit
// trail, numbered apart from the ones above.
enum TeamMenuId {
    kHandOut = wxID_HIGHEST + 400,
    kMergeCopy,
    kHistory,
};

// Menu items that only make sense with a project open.
inline constexpr int kProjectMenuItems[] = {
    kImportRefi,     kExportRefi,        kExportQdc,    kExportSegments,
    kExportCodebook, kExportReport,      kImport,       kDeleteDocument,
    wxID_CLOSE,      kApplyCode,         kRemoveCoding, kNewCode,
    kNewChildCode,   kEditCode,          kRenameCode,   kRecolourCode,
    kMoveCode,       kMergeCode,         kDeleteCode,   kAgreement,
    kSearch,         kMemoOfSelection,   kMemoList,     kCases,
    kAttributeSheet, kRetrievedSegments, kCodingQuery,  kMatrix,
    kCooccurrence,   kCodeChart,         kHandOut,      kMergeCopy,
    kHistory};

inline constexpr int kCodingMenuItems[] = {
    kCodeInVivo,     kQuickCode,     kFitCoding,        kRecodeCoding,     kBlindCoding,
    kShowCoders,     kHideCode,      kShowAllCodes,     kFindInTranscript, kFindNext,
    kFindPrevious,   kZoomIn,        kZoomOut,          kZoomReset,        kCountCodings,
    kCountDocuments, kCountCoverage, kCountThisDocument};

// File, Edit, Documents, View, Codes, Analyse and Help.
wxMenuBar* make_menu_bar();
// The Documents menu, also the documents list's context menu.
wxMenu* documents_menu();

}  // namespace quire::gui
