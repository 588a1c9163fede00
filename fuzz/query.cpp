// SPDX-License-Identifier: GPL-3.0-or-later
// The search query parser (and the tokenizer it cuts words with), before any index is used.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/errors.h"
#include "core/text/unicode.h"
#include "search/query.h"
#include "search/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view query(reinterpret_cast<const char*>(data), size);
    // Queries come from a text box or a command line: the front ends pass valid UTF-8.
    if (!quire::text::is_valid_utf8(query)) {
        return 0;
    }
    static quire::search::Tokenizer tokenizer;
    // Half the inputs know only some fields, so that unknown ones are searched as words.
    const bool some_fields = size > 0 && (data[0] & 1) != 0;
    try {
        const quire::search::QueryNode tree =
            some_fields ? quire::search::parse_query(query, tokenizer,
                                                     [](const std::string& name) {
                                                         return name == "code" || name == "doc";
                                                     })
                        : quire::search::parse_query(query, tokenizer);
        (void)quire::search::describe(tree);
    } catch (const quire::search::QueryError&) {
        // A malformed query is refused with a message: the contract.
    }
    return 0;
}
