// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/main_menu.h"

#include <wx/menu.h>

namespace quire::gui {
namespace {

wxMenu* file_menu() {
    auto* file = new wxMenu;
    file->Append(wxID_NEW, L"&New Project…\tCtrl+N");
    file->Append(wxID_OPEN, L"&Open Project…\tCtrl+O");
    auto* recent = new wxMenu;
    for (int n = 1; n <= kRecentProjects; ++n) {
        recent->Append(kRecentProject1 + n - 1, "(none)");
        recent->Enable(kRecentProject1 + n - 1, false);
    }
    file->AppendSubMenu(recent, "Open &Recent");
    file->Append(kOpenDemo, "Open &Demo Project");
    file->AppendSeparator();
    file->Append(kImport, L"&Import Transcripts…\tCtrl+I");
    file->Append(kImportRefi, L"Import REFI-QDA Project or Codebook…");
    file->Append(kImportAttributes, L"Import &Attribute Table…");
    file->Append(kDeleteDocument, L"Delete Document…");
    file->AppendSeparator();
    auto* exports = new wxMenu;
    exports->Append(kExportRefi, L"REFI-QDA Project (.qdpx)…");
    exports->Append(kExportQdc, L"REFI-QDA Codebook (.qdc)…");
    exports->AppendSeparator();
    exports->Append(kExportSegments, L"Coded Segments (XLSX, CSV)…");
    exports->Append(kExportCodebook, L"Codebook (XLSX, CSV, Markdown)…");
    exports->Append(kExportAttributes, L"Attribute Table (XLSX, CSV)…");
    exports->Append(kExportReport, L"Project Report (HTML)…");
    file->AppendSubMenu(exports, "&Export");
    file->AppendSeparator();
    file->Append(kHandOut, L"&Hand Out Copy to a Coder…");
    file->Append(kMergeCopy, L"&Merge a Coder's Copy…");
    file->AppendSeparator();
    file->Append(wxID_CLOSE, "&Close Project\tCtrl+W");
    file->Append(wxID_EXIT, "&Quit\tCtrl+Q");
    return file;
}

wxMenu* edit_menu() {
    auto* edit = new wxMenu;
    // MainFrame names the action they take back or bring back once a project is open.
    edit->Append(wxID_UNDO, "&Undo\tCtrl+Z");
    edit->Append(wxID_REDO, "&Redo\tCtrl+Shift+Z");
    edit->AppendSeparator();
    edit->Append(kMemoOfSelection, "&Memo of Selection\tCtrl+M");
    edit->Append(kMemoList, L"All Memos…\tCtrl+Shift+M");
    return edit;
}

}  // namespace

wxMenu* documents_menu() {
    auto* documents = new wxMenu;
    documents->Append(kNewGroup, L"&New Group…");
    documents->Append(kRenameGroup, L"&Rename Group…");
    documents->Append(kDeleteGroup, L"&Delete Group…");
    documents->AppendSeparator();
    documents->Append(kAssignToGroup, L"&Add Selected Documents to Group…");
    documents->Append(kUnassignFromGroup, L"Re&move Selected Documents from Group…");
    return documents;
}

namespace {

wxMenu* view_menu() {
    auto* view = new wxMenu;
    view->AppendCheckItem(kBlindCoding, "&Blind Coding\tCtrl+Shift+B");
    view->Append(kShowCoders, L"Show &Coders…");
    view->Append(kHideCode, "&Hide Selected Code in Transcript");
    view->Append(kShowAllCodes, "Show &All Codes");
    view->AppendSeparator();
    auto* counts = new wxMenu;
    counts->AppendRadioItem(kCountCodings, "&Codings");
    counts->AppendRadioItem(kCountDocuments, "&Documents");
    counts->AppendRadioItem(kCountCoverage, "C&overage of the Text");
    counts->AppendSeparator();
    counts->AppendCheckItem(kCountThisDocument, "In the Open Document &Only");
    view->AppendSubMenu(counts, "Codebook &Counts");
    view->AppendSeparator();
    view->Append(kFindInTranscript, L"&Find in Transcript…\tCtrl+Shift+F");
    view->Append(kFindNext, "Find &Next\tF3");
    view->Append(kFindPrevious, "Find &Previous\tShift+F3");
    view->AppendSeparator();
    view->Append(kZoomIn, "Zoom &In\tCtrl++");
    view->Append(kZoomOut, "Zoom &Out\tCtrl+-");
    view->Append(kZoomReset, "Actual &Size\tCtrl+0");
    view->AppendSeparator();
    view->Append(kHistory, L"&History (Audit Trail)…");
    return view;
}

wxMenu* codes_menu() {
    auto* codes = new wxMenu;
    codes->Append(kApplyCode, "&Apply Selected Code to Selection\tCtrl+Enter");
    codes->Append(kQuickCode, L"&Quick Code…\tCtrl+K");
    codes->Append(kCodeInVivo, "Code In &Vivo\tCtrl+Shift+I");
    auto* recent = new wxMenu;
    for (int n = 1; n <= kRecentCodes; ++n) {
        recent->Append(kRecentCode1 + n - 1, wxString::Format("(none)\tCtrl+%d", n));
        recent->Enable(kRecentCode1 + n - 1, false);
    }
    codes->AppendSubMenu(recent, "Recent &Codes");
    codes->AppendCheckItem(kSnapToWords, "S&nap Selection to Words");
    codes->Check(kSnapToWords, true);
    codes->AppendSeparator();
    codes->Append(kFitCoding, "&Fit Selected Coding to Selection\tCtrl+B");
    codes->Append(kRecodeCoding, L"Rec&ode Selected Coding…\tCtrl+Shift+R");
    codes->Append(kRemoveCoding, "&Remove Selected Coding\tDel");
    codes->AppendSeparator();
    codes->Append(kNewCode, L"&New Code…\tCtrl+Shift+N");
    codes->Append(kNewChildCode, L"New C&hild Code…");
    codes->Append(kEditCode, L"&Edit Code…");
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
    analyse->AppendSeparator();
    analyse->Append(kCodingQuery, L"Coding &Query…\tCtrl+Shift+Q");
    analyse->Append(kMatrix, L"&Matrix…");
    analyse->Append(kCooccurrence, L"Code C&o-occurrence…");
    analyse->Append(kCodeChart, L"Code C&hart by Attribute…");
    analyse->AppendSeparator();
    analyse->Append(kCases, L"&Cases…");
    analyse->Append(kAttributeSheet, L"A&ttribute Sheet…");
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
    bar->Append(documents_menu(), "&Documents");
    bar->Append(view_menu(), "&View");
    bar->Append(codes_menu(), "&Codes");
    bar->Append(analyse_menu(), "&Analyse");
    bar->Append(help_menu(), "&Help");
    return bar;
}

}  // namespace quire::gui
