// SPDX-License-Identifier: GPL-3.0-or-later
// The coding query language's reader: any text is a tree or a QueryError, and a tree's
// canonical text reads back to the same canonical text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/query/expression.h"
#include "core/text/unicode.h"
#include "fuzz/check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view expression(reinterpret_cast<const char*>(data), size);
    // Queries come from a text box, a command line or a saved query: valid UTF-8.
    if (!quire::text::is_valid_utf8(expression)) {
        return 0;
    }
    std::string canonical;
    try {
        canonical = quire::query::to_text(quire::query::parse_expression(expression));
    } catch (const quire::query::QueryError&) {
        return 0;  // refused with a message: the contract
    }
    try {
        const std::string again = quire::query::to_text(quire::query::parse_expression(canonical));
        quire::fuzz::check(again == canonical, "the canonical text reads back to itself");
    } catch (const quire::query::QueryError&) {
        quire::fuzz::check(false, "the canonical text of a query is a query");
    }
    return 0;
}
