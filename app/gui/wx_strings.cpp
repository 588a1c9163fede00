// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/wx_strings.h"

#include <wx/filename.h>

namespace quire::gui {

std::string lower_extension(const wxString& path) {
    return utf8(wxFileName(path).GetExt().Lower());
}

}  // namespace quire::gui
