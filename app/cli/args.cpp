// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/args.h"

#include <exception>

namespace quire::cli {

std::optional<std::string> Args::option(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end()) {
        return std::nullopt;
    }
    return it->second.back();
}

std::string Args::required(const std::string& name) const {
    auto v = option(name);
    if (!v) {
        throw UsageError("missing --" + name);
    }
    return *v;
}

std::vector<std::string> Args::all(const std::string& name) const {
    const auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
}

Args parse(const std::vector<std::string>& raw, const std::set<std::string>& valued,
           const std::set<std::string>& flag_names) {
    Args args;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string& a = raw[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> value;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (flag_names.count(name)) {
                if (value) {
                    throw UsageError("--" + name + " takes no value");
                }
                args.flags.insert(name);
            } else if (valued.count(name)) {
                if (!value) {
                    if (i + 1 >= raw.size()) {
                        throw UsageError("--" + name + " needs a value");
                    }
                    value = raw[++i];
                }
                args.options[name].push_back(*value);
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else {
            args.positional.push_back(a);
        }
    }
    return args;
}

void expect_positional(const Args& args, std::size_t n, const char* what) {
    if (args.positional.size() != n) {
        throw UsageError(std::string("expected ") + what);
    }
}

std::pair<std::int64_t, std::int64_t> parse_range(const std::string& value) {
    const auto colon = value.find(':');
    if (colon == std::string::npos) {
        throw UsageError("--range takes START:END, got \"" + value + "\"");
    }
    return {parse_offset(value.substr(0, colon), "START"),
            parse_offset(value.substr(colon + 1), "END")};
}

std::int64_t parse_offset(const std::string& s, const char* what) {
    std::size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(s, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != s.size() || s.empty()) {
        throw UsageError(std::string(what) + " must be a whole number, got \"" + s + "\"");
    }
    return v;
}

std::pair<std::string, std::string> parse_attribute(const std::string& key_value) {
    const auto eq = key_value.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw UsageError("--attr takes KEY=VALUE, got \"" + key_value + "\"");
    }
    return {key_value.substr(0, eq), key_value.substr(eq + 1)};
}

int run_subcommand(const std::string& command, const std::vector<NamedSubcommand>& subcommands,
                   const std::vector<std::string>& raw, std::ostream& out, std::ostream& err) {
    if (raw.empty()) {
        std::string names;
        for (const NamedSubcommand& s : subcommands) {
            names += (names.empty() ? "" : "|") + std::string(s.name);
        }
        throw UsageError("expected " + command + " " + names);
    }
    const std::vector<std::string> rest(raw.begin() + 1, raw.end());
    for (const NamedSubcommand& s : subcommands) {
        if (raw[0] == s.name) {
            return s.run(rest, out, err);
        }
    }
    throw UsageError("unknown command \"" + command + " " + raw[0] + "\"");
}

std::size_t count_option(const Args& args, const char* name, std::size_t fallback) {
    const auto v = args.option(name);
    if (!v) {
        return fallback;
    }
    const std::int64_t n = parse_offset(*v, (std::string("--") + name).c_str());
    if (n < 0) {
        throw UsageError(std::string("--") + name + " cannot be negative");
    }
    return static_cast<std::size_t>(n);
}

}  // namespace quire::cli
