// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/main_menu.h"

#include <wx/menu.h>

namespace quire::gui {
namespace {

wxMenu* file_menu() {
    auto* file = new wxMenu;
    file->Append(wxID_NEW, L"&New Project…\tCtrl+N");
    file->Append(wxID_OPEN, L"&Open Project…\tCtrl+O");
    file->Append(kOpenDemo, "Open &Demo Project");
    file->AppendSeparator();
    file->Append(kImport, L"&Import Transcripts…\tCtrl+I");
    file->Append(kImportRefi, L"Import REFI-QDA Project or Codebook…");
    file->Append(kDeleteDocument, L"Delete Document…");
    file->AppendSeparator();
    auto* exports = new wxMenu;
    exports->Append(kExportRefi, L"REFI-QDA Project (.qdpx)…");
    exports->Append(kExportQdc, L"REFI-QDA Codebook (.qdc)…");
    exports->AppendSeparator();
    exports->Append(kExportSegments, L"Coded Segments (XLSX, CSV)…");
    exports->Append(kExportCodebook, L"Codebook (XLSX, CSV, Markdown)…");
    exports->Append(kExportReport, L"Project Report (HTML)…");
    file->AppendSubMenu(exports, "&Export");
    file->AppendSeparator();
    file->Append(wxID_CLOSE, "&Close Project\tCtrl+W");
    file->Append(wxID_EXIT, "&Quit\tCtrl+Q");
    return file;
}

wxMenu* edit_menu() {
    auto* edit = new wxMenu;
    edit->Append(kUndoCodeHits, "&Undo Code All Hits\tCtrl+Z");
    return edit;
}

wxMenu* codes_menu() {
    auto* codes = new wxMenu;
    codes->Append(kApplyCode, "&Apply Selected Code to Selection\tCtrl+Enter");
    codes->Append(kRemoveCoding, "&Remove Selected Coding\tDel");
    codes->AppendSeparator();
    codes->Append(kNewCode, L"&New Code…\tCtrl+Shift+N");
    codes->Append(kNewChildCode, L"New C&hild Code…");
    codes->Append(kEditCode, L"&Edit Definition…");
    codes->Append(kRenameCode, L"Re&name Code…\tF2");
    codes->Append(kRecolourCode, L"Change &Colour…");
    codes->Append(kMoveCode, L"&Move Code…");
    codes->Append(kMergeCode, L"Mer&ge Into…");
    codes->Append(kDeleteCode, L"&Delete Code…");
    return codes;
}

wxMenu* analyse_menu() {
    auto* analyse = new wxMenu;
    analyse->Append(kSearch, L"&Search Transcripts…\tCtrl+F");
    analyse->Append(kRetrievedSegments, L"&Retrieved Segments…\tCtrl+R");
    analyse->Append(kAgreement, L"Coder &Agreement…");
    return analyse;
}

wxMenu* help_menu() {
    auto* help = new wxMenu;
    help->Append(wxID_ABOUT, "&About Quire");
    return help;
}

}  // namespace

wxMenuBar* make_menu_bar() {
    auto* bar = new wxMenuBar;
    bar->Append(file_menu(), "&File");
    bar->Append(edit_menu(), "&Edit");
    bar->Append(codes_menu(), "&Codes");
    bar->Append(analyse_menu(), "&Analyse");
    bar->Append(help_menu(), "&Help");
    return bar;
}

}  // namespace quire::gui
