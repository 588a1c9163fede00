// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/model.h"
#include "core/base/progress.h"

// What every command prints alike: JSON, one-line messages, progress on stderr.
// Contract: nothing here throws but what writing to a stream may.
namespace quire::cli {

using nlohmann::ordered_json;

// Messages go to stderr as one line each, whatever the error text holds.
std::string one_line(std::string message);

// "1 coding", "3 codings": a count with its noun in the number it needs. `plural` is for
// nouns that do not just take an "s".
std::string counted(long long n, const std::string& singular, const std::string& plural = "");

// Progress of long work on stderr: a line at every tenth, so logs stay short.
Progress progress_printer(std::ostream& err, const std::string& what,
                          const std::string& unit = "documents");

void print_json(std::ostream& out, const ordered_json& j);

// Attribute values with their types: booleans and numbers as JSON booleans and numbers.
ordered_json attributes_json(const std::vector<AttributeValue>& values);

}  // namespace quire::cli
