// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/manual.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/help.h"

namespace quire::cli {
namespace {

// Escapes text for man(7): backslashes, hyphens (written as \- so options copy as ASCII
// minus signs) and a leading dot or quote, which roff would read as a request.
std::string roff(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '\\') {
            escaped += "\\e";
        } else if (c == '-') {
            escaped += "\\-";
        } else {
            escaped += c;
        }
    }
    if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) {
        escaped.insert(0, "\\&");
    }
    return escaped;
}

// Lines of --help joined into one paragraph: continuation indents collapse to one space.
std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) {
        const auto first = line.find_first_not_of(' ');
        if (first == std::string::npos) {
            continue;
        }
        if (!text.empty()) {
            text += ' ';
        }
        text += line.substr(first);
    }
    return text;
}

// A synopsis in man(7): an optional or alternative group ("[--doc DOC]...") is kept on one
// line by unbreakable spaces, so a wrapped synopsis still reads option by option.
std::string roff_synopsis(const std::string& synopsis) {
    std::string text;
    int depth = 0;
    for (const char c : synopsis) {
        depth += (c == '[' || c == '(') ? 1 : (c == ']' || c == ')') ? -1 : 0;
        text += (c == ' ' && depth > 0) ? std::string("\x01") : std::string(1, c);
    }
    text = roff(text);
    for (std::size_t at = text.find('\x01'); at != std::string::npos; at = text.find('\x01', at)) {
        text.replace(at, 1, "\\ ");
    }
    return text;
}

void append_commands(std::string& page) {
    std::string section;
    const auto close_section = [&] {
        for (const SectionNote& note : section_notes()) {
            if (note.section == section) {
                page += ".PP\n" + roff(joined(note.lines)) + "\n";
            }
        }
    };
    for (const CommandHelp& command : command_help()) {
        if (command.section != section) {
            close_section();
            section = command.section;
            page += ".SS " + roff(section) + "\n";
        }
        for (const Usage& usage : command.usages) {
            page += ".TP\n.B quire\\-cli " + roff_synopsis(joined(usage.synopsis)) + "\n";
            const std::string description = joined(usage.description);
            page += (description.empty() ? "\\&" : roff(description)) + "\n";
        }
    }
    close_section();
}

}  // namespace

std::string manual_page(const std::string& date) {
    std::string page;
    page += ".\\\" Generated from quire-cli's command table when Quire is built; do not edit.\n";
    page +=
        ".TH QUIRE\\-CLI 1 \"" + date + "\" \"Quire " + version_number() + "\" \"Quire Manual\"\n";
    // Options must not be hyphenated, nor lines stretched.
    page += ".nh\n.ad l\n";
    page +=
        ".SH NAME\nquire\\-cli \\- the command line of the Quire qualitative coding "
        "workbench\n";
    page +=
        ".SH SYNOPSIS\n.B quire\\-cli\n.I COMMAND PROJECT\n.RI [ ARGS ]\n.RB [ \\-\\-json ]\n"
        ".br\n.B quire\\-cli\n.BR \\-\\-help \" | \" \\-\\-version\n";
    page +=
        ".SH DESCRIPTION\n"
        ".B quire\\-cli\n"
        "reads and changes Quire project files (*.quire), the same files the workbench\n"
        ".BR quire (1)\n"
        "opens, without a display. Every action is one transaction: a failed command leaves "
        "the project exactly as it was. Errors are one line on standard error and a non-zero "
        "exit status; progress and warnings go to standard error, results to standard "
        "output.\n.PP\n" +
        roff(joined(conventions())) + "\n";
    page += ".SH COMMANDS\n";
    append_commands(page);
    page += ".SH EXIT STATUS\n";
    for (const ExitStatusHelp& status : exit_status_help()) {
        page += ".TP\n.B " + std::to_string(status.status) + "\n" + roff(status.meaning) + "\n";
    }
    page +=
        ".SH ENVIRONMENT\n"
        ".TP\n.B XDG_CACHE_HOME\n"
        "The search index of each project, a cache that Quire rebuilds when it is missing "
        "or out of date, is kept in\n.IR $XDG_CACHE_HOME/quire/index\n"
        "(by default\n.IR ~/.cache/quire/index ).\n"
        ".TP\n.B XDG_DATA_HOME\n"
        "Fresh copies of the demo project opened by the workbench are kept in\n"
        ".IR $XDG_DATA_HOME/quire\n(by default\n.IR ~/.local/share/quire ).\n";
    page += ".SH SEE ALSO\n.BR quire (1)\n";
    return page;
}

namespace {

// What completion needs to know of one command (or of one subcommand, "code add").
struct CompletionEntry {
    std::set<std::string> options;
    std::set<std::string> value_options;              // options followed by a value
    std::set<std::string> file_options;               // options whose value is a file
    std::map<std::string, std::string> option_words;  // "--unit" -> "character word ..."
    bool files_after_project = false;                 // FILE... or OUT after P
};

std::vector<std::string> words_of(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string word; in >> word;) {
        words.push_back(word);
    }
    return words;
}

// "[--unit" -> "--unit", "(--coders" -> "--coders", "--json|--csv]" -> {"--json", "--csv"}.
std::vector<std::string> options_in(const std::string& word) {
    std::vector<std::string> options;
    for (std::size_t at = word.find("--"); at != std::string::npos; at = word.find("--", at)) {
        std::size_t end = at + 2;
        while (end < word.size() &&
               (std::islower(static_cast<unsigned char>(word[end])) ||
                std::isdigit(static_cast<unsigned char>(word[end])) || word[end] == '-')) {
            ++end;
        }
        options.push_back(word.substr(at, end - at));
        at = end;
    }
    return options;
}

bool is_value(const std::string& word) {
    const std::string bare = word.substr(0, word.find_first_of("])"));
    return !bare.empty() && bare[0] != '-' && bare[0] != '[' && bare[0] != '(' && bare[0] != '|';
}

bool names_file(const std::string& word) {
    return word.rfind("FILE", 0) == 0 || word.rfind("OUT", 0) == 0;
}

// Reads one synopsis ("agreement P (--coders A,B ...) [--unit character|word]") into `entry`;
// `skip` is how many leading words name the command.
void read_synopsis(const std::string& synopsis, std::size_t skip, CompletionEntry& entry) {
    const std::vector<std::string> words = words_of(synopsis);
    std::size_t positional = 0;
    for (std::size_t i = skip; i < words.size(); ++i) {
        const std::vector<std::string> options = options_in(words[i]);
        if (options.empty()) {
            if (is_value(words[i]) && words[i] != "..." && ++positional > 1 &&
                names_file(words[i])) {
                entry.files_after_project = true;
            }
            continue;
        }
        entry.options.insert(options.begin(), options.end());
        const bool takes_value = i + 1 < words.size() && options_in(words[i + 1]).empty() &&
                                 is_value(words[i + 1]) && words[i + 1] != "...";
        if (!takes_value || words[i].find('|') != std::string::npos) {
            continue;
        }
        const std::string& option = options.back();
        std::string value = words[i + 1].substr(0, words[i + 1].find_first_of("])"));
        entry.value_options.insert(option);
        if (names_file(value)) {
            entry.file_options.insert(option);
        } else if (value.find('|') != std::string::npos &&
                   std::none_of(value.begin(), value.end(),
                                [](unsigned char c) { return std::isupper(c); })) {
            std::replace(value.begin(), value.end(), '|', ' ');
            entry.option_words[option] = value;
        }
        ++i;
    }
}

std::string joined_set(const std::set<std::string>& words) {
    std::string text;
    for (const std::string& word : words) {
        text += (text.empty() ? "" : " ") + word;
    }
    return text;
}

// Commands, then "command subcommand" keys, each with what completion needs.
std::map<std::string, CompletionEntry> completion_entries(
    std::vector<std::string>& commands, std::map<std::string, std::set<std::string>>& subcommands) {
    std::map<std::string, CompletionEntry> entries;
    for (const CommandHelp& command : command_help()) {
        commands.push_back(command.name);
        for (const Usage& usage : command.usages) {
            const std::string synopsis = joined(usage.synopsis);
            const std::vector<std::string> words = words_of(synopsis);
            const bool has_subcommand =
                words.size() > 1 &&
                std::all_of(words[1].begin(), words[1].end(),
                            [](unsigned char c) { return std::islower(c) != 0; });
            std::string key = command.name;
            if (has_subcommand) {
                key += " " + words[1];
                subcommands[command.name].insert(words[1]);
            }
            read_synopsis(synopsis, has_subcommand ? 2 : 1, entries[key]);
        }
    }
    return entries;
}

}  // namespace

std::string bash_completion() {
    std::vector<std::string> commands;
    std::map<std::string, std::set<std::string>> subcommands;
    const std::map<std::string, CompletionEntry> entries =
        completion_entries(commands, subcommands);

    std::string script =
        "# bash completion for quire-cli. Generated from quire-cli's command table when Quire\n"
        "# is built; do not edit.\n\n"
        "# Adds what compgen offers, one word per line (file names may hold spaces).\n"
        "_quire_cli_add() {\n"
        "    local line\n"
        "    while IFS= read -r line; do\n"
        "        COMPREPLY+=(\"$line\")\n"
        "    done < <(compgen \"$@\")\n"
        "}\n\n"
        "_quire_cli_reply() {\n"
        "    COMPREPLY=()\n"
        "    _quire_cli_add \"$@\"\n"
        "}\n\n"
        "_quire_cli() {\n"
        "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
        "    if ((COMP_CWORD == 1)); then\n"
        "        _quire_cli_reply -W \"";
    std::set<std::string> first_words(commands.begin(), commands.end());
    first_words.insert({"--help", "--version"});
    script += joined_set(first_words) + "\" -- \"$cur\"\n        return\n    fi\n";
    script += "    local key=${COMP_WORDS[1]} first=2\n    case $key in\n";
    for (const auto& [command, names] : subcommands) {
        script += "    " + command +
                  ")\n        if ((COMP_CWORD == 2)); then\n"
                  "            _quire_cli_reply -W \"" +
                  joined_set(names) +
                  "\" -- \"$cur\"\n            return\n        fi\n"
                  "        key=\"$key ${COMP_WORDS[2]}\" first=3\n        ;;\n";
    }
    script +=
        "    esac\n"
        "    local options='' values='' files='' words='' files_after_project=''\n"
        "    case $key in\n";
    for (const auto& [key, entry] : entries) {
        script += "    '" + key + "')\n        options='" + joined_set(entry.options) + "'\n";
        script += "        values='" + joined_set(entry.value_options) + "'\n";
        if (!entry.file_options.empty()) {
            script += "        files='" + joined_set(entry.file_options) + "'\n";
        }
        if (entry.files_after_project) {
            script += "        files_after_project=1\n";
        }
        if (!entry.option_words.empty()) {
            script += "        case $prev in\n";
            for (const auto& [option, choices] : entry.option_words) {
                script += "        " + option + ") words='" + choices + "' ;;\n";
            }
            script += "        esac\n";
        }
        script += "        ;;\n";
    }
    script +=
        "    *) return ;;\n"
        "    esac\n"
        "    if [[ -n $words ]]; then\n"
        "        _quire_cli_reply -W \"$words\" -- \"$cur\"\n"
        "        return\n"
        "    fi\n"
        "    if [[ \" $files \" == *\" $prev \"* ]]; then\n"
        "        compopt -o filenames 2>/dev/null\n"
        "        _quire_cli_reply -f -- \"$cur\"\n"
        "        return\n"
        "    fi\n"
        "    if [[ \" $values \" == *\" $prev \"* ]]; then\n"
        "        return\n"
        "    fi\n"
        "    if [[ $cur == -* ]]; then\n"
        "        _quire_cli_reply -W \"$options\" -- \"$cur\"\n"
        "        return\n"
        "    fi\n"
        "    # Which positional word is being completed: the project comes first.\n"
        "    local i position=0\n"
        "    for ((i = first; i < COMP_CWORD; i++)); do\n"
        "        if [[ ${COMP_WORDS[i]} == -* ]]; then\n"
        "            [[ \" $values \" == *\" ${COMP_WORDS[i]} \"* ]] && ((i++))\n"
        "        else\n"
        "            ((position++))\n"
        "        fi\n"
        "    done\n"
        "    compopt -o filenames 2>/dev/null\n"
        "    if ((position == 0)); then\n"
        "        _quire_cli_reply -f -X '!*.quire' -- \"$cur\"\n"
        "        _quire_cli_add -d -- \"$cur\"\n"
        "    elif [[ -n $files_after_project ]]; then\n"
        "        _quire_cli_reply -f -- \"$cur\"\n"
        "    fi\n"
        "}\n\n"
        "complete -F _quire_cli quire-cli\n";
    return script;
}

}  // namespace quire::cli
