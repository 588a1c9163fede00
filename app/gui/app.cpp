// SPDX-License-Identifier: GPL-3.0-or-later
#include <wx/app.h>
#include <wx/cmdline.h>

#include "app/gui/agreement_frame.h"
#include "app/gui/command_line.h"
#include "app/gui/error_dialog.h"
#include "app/gui/main_frame.h"
#include "app/gui/wx_strings.h"
#include "core/demo/demo.h"

namespace {

class QuireApp : public wxApp {
public:
    bool OnInit() override {
        if (!wxApp::OnInit()) {
            return false;
        }
        SetAppDisplayName("Quire");
        auto* frame = new quire::gui::MainFrame;
        frame->Show();
        if (open_demo_) {
            std::string path;
            if (quire::gui::guarded(frame, [&] { path = quire::demo::fresh_demo_copy(); })) {
                frame->open_project(path);
            }
        } else if (!project_.IsEmpty()) {
            frame->open_project(quire::gui::utf8(project_));
        }
        if (open_agreement_ && frame->has_project()) {
            if (auto* agreement = frame->open_agreement()) {
                agreement->compute();
            }
        }
        return true;
    }

    void OnInitCmdLine(wxCmdLineParser& parser) override {
        wxApp::OnInitCmdLine(parser);
        parser.AddSwitch("", "demo",
                         wxString::FromUTF8(quire::gui::command_line_options()[0].description));
        // Hidden: opens the agreement window and computes (for screenshots).
        parser.AddSwitch("", "agreement", "", wxCMD_LINE_HIDDEN);
        parser.AddParam("project file (*.quire)", wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
    }

    bool OnCmdLineParsed(wxCmdLineParser& parser) override {
        open_demo_ = parser.Found("demo");
        open_agreement_ = parser.Found("agreement");
        if (parser.GetParamCount() > 0) {
            project_ = parser.GetParam(0);
        }
        return wxApp::OnCmdLineParsed(parser);
    }

private:
    bool open_demo_ = false;
    bool open_agreement_ = false;
    wxString project_;
};

}  // namespace

wxIMPLEMENT_APP_NO_MAIN(QuireApp);

int main(int argc, char** argv) {
    // --help, --version and a project another window shows need no display.
    if (const std::optional<int> status = quire::gui::answer_before_start(argc, argv)) {
        return *status;
    }
    return wxEntry(argc, argv);
}
