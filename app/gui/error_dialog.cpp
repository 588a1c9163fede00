// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/error_dialog.h"

#include <wx/msgdlg.h>

#include "app/gui/wx_strings.h"
#include "core/base/errors.h"

namespace quire::gui {
namespace {

void show(wxWindow* parent, const wxString& title, const char* message) {
    wxMessageBox(wx(message), title, wxOK | wxICON_ERROR, parent);
}

}  // namespace

bool guarded(wxWindow* parent, const std::function<void()>& action) {
    try {
        action();
        return true;
    } catch (const NotFoundError& e) {
        show(parent, "Not found", e.what());
    } catch (const InvalidInputError& e) {
        show(parent, "Cannot do that", e.what());
    } catch (const ConflictError& e) {
        show(parent, "Cannot do that", e.what());
    } catch (const ImportError& e) {
        show(parent, "Import failed", e.what());
    } catch (const ProjectBusyError& e) {
        show(parent, "Project busy", e.what());
    } catch (const ProjectFileError& e) {
        show(parent, "Project file problem", e.what());
    } catch (const std::exception& e) {
        show(parent, "Unexpected error", e.what());
    }
    return false;
}

}  // namespace quire::gui
