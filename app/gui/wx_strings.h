// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/string.h>

#include <string>

// The GUI's conversions between core's UTF-8 std::string and wxString; nothing else in the
// GUI converts (wxString's own std::string conversions follow the locale, not UTF-8).
namespace quire::gui {

inline wxString wx(const std::string& utf8_text) {
    return wxString::FromUTF8(utf8_text.data(), utf8_text.size());
}

inline std::string utf8(const wxString& text) {
    return text.utf8_string();
}

}  // namespace quire::gui
