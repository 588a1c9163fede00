// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/defs.h>

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
    kUndoCodeHits,
    kRetrievedSegments,
};

// Menu items that only make sense with a project open.
inline constexpr int kProjectMenuItems[] = {
    kImportRefi,   kExportRefi,     kExportQdc,  kExportSegments,   kExportCodebook, kExportReport,
    kImport,       kDeleteDocument, wxID_CLOSE,  kApplyCode,        kRemoveCoding,   kNewCode,
    kNewChildCode, kEditCode,       kRenameCode, kRecolourCode,     kMoveCode,       kMergeCode,
    kDeleteCode,   kAgreement,      kSearch,     kRetrievedSegments};

// File, Edit, Codes, Analyse and Help.
wxMenuBar* make_menu_bar();

}  // namespace quire::gui
