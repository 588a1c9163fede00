// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

// The command line's words: options, flags and positional arguments, and the checks every
// command makes of them. Contract: the parsing throws UsageError (exit status 2) for a
// command line that does not fit, and nothing else; run_subcommand also lets through what
// the subcommand throws.
namespace quire::cli {

// A command line that does not fit the command: printed with a pointer to --help.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> options;
    std::set<std::string> flags;

    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    // The last value given, as a repeated option's last word wins.
    std::optional<std::string> option(const std::string& name) const;
    std::string required(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
};

// Splits arguments for a command that accepts `valued` options and `flag_names` flags.
Args parse(const std::vector<std::string>& raw, const std::set<std::string>& valued,
           const std::set<std::string>& flag_names);

// `what` is the expected command line, shown when the count is wrong.
void expect_positional(const Args& args, std::size_t n, const char* what);

std::int64_t parse_offset(const std::string& s, const char* what);

// The count an option gives (--limit N), `fallback` without it; UsageError when negative.
std::size_t count_option(const Args& args, const char* name, std::size_t fallback);

// START:END of a --range option, as given (not checked against a document).
std::pair<std::int64_t, std::int64_t> parse_range(const std::string& value);

// KEY=VALUE of an --attr option.
std::pair<std::string, std::string> parse_attribute(const std::string& key_value);

// A command of several subcommands ("code add", "codings export"): each is run with the
// words after its name, printing results to `out` and warnings to `err`.
using Subcommand = int (*)(const std::vector<std::string>& args, std::ostream& out,
                           std::ostream& err);
struct NamedSubcommand {
    const char* name;
    Subcommand run;
};
int run_subcommand(const std::string& command, const std::vector<NamedSubcommand>& subcommands,
                   const std::vector<std::string>& raw, std::ostream& out, std::ostream& err);

}  // namespace quire::cli
