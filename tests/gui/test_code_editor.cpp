// SPDX-License-Identifier: GPL-3.0-or-later
// The code editor: every field of a code edited in one window and applied as one step.
#include <wx/checkbox.h>
#include <wx/clrpicker.h>
#include <wx/testing.h>
#include <wx/textctrl.h>

#include <catch2/catch.hpp>
#include <string>

#include "app/gui/code_editor.h"
#include "app/gui/main_frame.h"
#include "app/gui/main_menu.h"
#include "core/base/errors.h"
#include "core/project/project.h"
#include "tests/gui/frame_under_test.h"
#include "tests/support/scratch.h"

using quire::Code;
using quire::Id;
using quire::Project;
using quire::test::FrameUnderTest;

namespace {

template <typename Control>
Control* field(wxWindow* dialog, const char* name) {
    auto* control = dynamic_cast<Control*>(wxWindow::FindWindowByName(name, dialog));
    REQUIRE(control != nullptr);
    return control;
}

// Types into every field of the editor the menu opens, then cancels it.
class EditThenCancel : public wxExpectModalBase<quire::gui::CodeEditorDialog, EditThenCancel> {
protected:
    int OnInvoked(quire::gui::CodeEditorDialog* editor) const override {
        field<wxTextCtrl>(editor, "code name")->SetValue("Renamed");
        field<wxTextCtrl>(editor, "code definition")->SetValue("Changed");
        field<wxCheckBox>(editor, "code codable")->SetValue(false);
        return wxID_CANCEL;
    }
};

}  // namespace

TEST_CASE("the code editor applies name, colour, texts and codable as one undo step", "[gui]") {
    quire::test::TempProjectPath file;
    Id parent = 0;
    Id code = 0;
    {
        Project p = Project::create(file.str());
        parent = p.add_code("Practice").id;
        quire::CodeFields fields;
        fields.color = "#E57373";
        fields.definition = "Old definition";
        code = p.add_code("Uncertainty", parent, fields).id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    t.frame->set_coder("Alex");
    Project& p = *t.frame->project();
    {
        quire::gui::CodeEditorDialog editor(t.frame, p, p.code(code), "Practice");
        CHECK(field<wxTextCtrl>(&editor, "code definition")->GetValue() == "Old definition");
        field<wxTextCtrl>(&editor, "code name")->SetValue("Working with uncertainty");
        field<wxColourPickerCtrl>(&editor, "code colour")->SetColour(wxColour(0x42, 0xA5, 0xF5));
        field<wxTextCtrl>(&editor, "code definition")->SetValue("Acting without knowing.");
        field<wxTextCtrl>(&editor, "code inclusion")->SetValue("Talk of not knowing yet.");
        field<wxTextCtrl>(&editor, "code exclusion")->SetValue("Plain lack of data.");
        field<wxTextCtrl>(&editor, "code example")->SetValue("\"We act before we know.\"");
        field<wxCheckBox>(&editor, "code codable")->SetValue(false);
        REQUIRE(editor.apply());
    }
    {
        Project file_now = Project::open(file.str());
        const Code c = file_now.code(code);
        CHECK(c.name == "Working with uncertainty");
        CHECK(c.color == "#42A5F5");
        CHECK(c.definition == "Acting without knowing.");
        CHECK(c.inclusion == "Talk of not knowing yet.");
        CHECK(c.exclusion == "Plain lack of data.");
        CHECK(c.example == "\"We act before we know.\"");
        CHECK_FALSE(c.codable);
        CHECK(c.parent_id == parent);
        const std::vector<quire::JournalEntry> newest = file_now.journal(1);
        CHECK(newest[0].what == "Edit Code");
        CHECK(newest[0].who == "Alex");
    }

    REQUIRE(t.frame->undo());  // one step takes back every field
    const Code c = Project::open(file.str()).code(code);
    CHECK(c.name == "Uncertainty");
    CHECK(c.color == "#E57373");
    CHECK(c.definition == "Old definition");
    CHECK(c.inclusion.empty());
    CHECK(c.exclusion.empty());
    CHECK(c.example.empty());
    CHECK(c.codable);
    CHECK(t.frame->codebook_label(code) == "Uncertainty");
}

TEST_CASE("a code editor whose name clashes with a sibling changes nothing", "[gui]") {
    quire::test::TempProjectPath file;
    Id code = 0;
    {
        Project p = Project::create(file.str());
        p.add_code("Consent");
        code = p.add_code("Choice").id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    Project& p = *t.frame->project();
    const std::size_t entries = p.journal().size();
    quire::gui::CodeEditorDialog editor(t.frame, p, p.code(code), "");
    field<wxTextCtrl>(&editor, "code name")->SetValue("Consent");
    field<wxTextCtrl>(&editor, "code definition")->SetValue("Lost with the failed rename.");
    quire::gui::CodeEdit edit = editor.edited();
    CHECK_THROWS_AS(quire::gui::apply_code_edit(p, code, edit), quire::ConflictError);
    CHECK(p.code(code).name == "Choice");
    CHECK(p.code(code).definition.empty());
    CHECK(p.journal().size() == entries);
}

TEST_CASE("cancelling the code editor from the Codes menu changes nothing", "[gui]") {
    quire::test::TempProjectPath file;
    Id code = 0;
    {
        Project p = Project::create(file.str());
        quire::CodeFields fields;
        fields.definition = "As it was";
        code = p.add_code("Choice", std::nullopt, fields).id;
    }
    FrameUnderTest t;
    REQUIRE(t.frame->open_project(file.str()));
    REQUIRE(t.frame->select_code(code));
    const std::size_t entries = t.frame->project()->journal().size();
    wxCommandEvent edit(wxEVT_MENU, quire::gui::kEditCode);
    wxTEST_DIALOG(t.frame->ProcessWindowEvent(edit), EditThenCancel());
    const Code c = Project::open(file.str()).code(code);
    CHECK(c.name == "Choice");
    CHECK(c.definition == "As it was");
    CHECK(c.codable);
    CHECK(t.frame->project()->journal().size() == entries);
}
