// SPDX-License-Identifier: GPL-3.0-or-later
// The Word .docx reader, from the bytes of a file (zip, relationships, WordprocessingML).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/base/errors.h"
#include "core/import/docx.h"
#include "core/text/unicode.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const std::string text = quire::extract_docx_text_from_memory(bytes);
        quire::fuzz::check(quire::text::is_valid_utf8(text), "docx text is valid UTF-8");
    } catch (const quire::Error&) {
        // ImportError for anything that is not a readable .docx is the contract.
    }
    return 0;
}
