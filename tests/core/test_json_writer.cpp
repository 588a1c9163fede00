// SPDX-License-Identifier: GPL-3.0-or-later
#include <catch2/catch.hpp>

#include <limits>
#include <nlohmann/json.hpp>

#include "core/formats/json_writer.h"

using quire::util::JsonWriter;

TEST_CASE("the streaming JSON writer produces JSON that parses back to the same values", "[json]") {
    JsonWriter w;
    w.begin_object();
    w.key("text").value("quote \" backslash \\ tab \t newline \n bell \x07 caf\u00e9 \U0001F600");
    w.key("int").value(std::int64_t{-42});
    w.key("real").value(0.1);
    w.key("nan").value(std::numeric_limits<double>::quiet_NaN());
    w.key("missing").value(std::optional<double>{});
    w.key("flag").value(true);
    w.key("empty").begin_array().end_array();
    w.key("nested")
        .begin_array()
        .begin_object()
        .key("a")
        .value(1)
        .end_object()
        .value("x")
        .end_array();
    w.end_object();
    const nlohmann::json j = nlohmann::json::parse(w.str());
    CHECK(j["text"] == "quote \" backslash \\ tab \t newline \n bell \x07 caf\u00e9 \U0001F600");
    CHECK(j["int"] == -42);
    CHECK(j["real"].get<double>() == 0.1);  // shortest form reads back exactly
    CHECK(j["nan"].is_null());
    CHECK(j["missing"].is_null());
    CHECK(j["flag"] == true);
    CHECK(j["empty"].empty());
    CHECK(j["nested"][0]["a"] == 1);
    CHECK(j["nested"][1] == "x");
}

TEST_CASE("the JSON writer indents nested containers and writes compactly without indent",
          "[json]") {
    JsonWriter pretty;
    pretty.begin_object().key("a").begin_array().value(1).value(2).end_array().end_object();
    CHECK(pretty.str() == "{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    JsonWriter compact(0);
    compact.begin_object().key("a").begin_array().value(1).value(2).end_array().end_object();
    CHECK(compact.str() == "{\"a\":[1,2]}");
}
