// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/output.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <thread>

namespace quire::cli {

std::string one_line(std::string message) {
    std::replace(message.begin(), message.end(), '\n', ' ');
    return message;
}

Progress progress_printer(std::ostream& err, const std::string& what, const std::string& unit) {
    auto last_tenth = std::make_shared<int>(-1);
    return [&err, what, unit, last_tenth](std::size_t done, std::size_t total) {
        const int tenth = total == 0 ? 10 : static_cast<int>(done * 10 / total);
        if (tenth != *last_tenth && (done > 0 || total == 0)) {
            *last_tenth = tenth;
            err << what << ": " << done << "/" << total << " " << unit << "\n";
            err.flush();
            // For the tests that stop a command in the middle of its work (a killed merge
            // must leave the project as it was): a pause after each line of progress.
            if (const char* pause = std::getenv("QUIRE_TEST_PROGRESS_PAUSE_MS")) {
                std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(pause)));
            }
        }
        return true;
    };
}

void print_json(std::ostream& out, const ordered_json& j) {
    out << j.dump(2) << "\n";
}

ordered_json attributes_json(const std::vector<AttributeValue>& values) {
    ordered_json j = ordered_json::object();
    for (const AttributeValue& v : values) {
        switch (v.type) {
            case AttributeType::Boolean:
                j[v.attribute] = v.value == "true";
                break;
            case AttributeType::Integer:
                j[v.attribute] = std::stoll(v.value);
                break;
            case AttributeType::Float:
                j[v.attribute] = std::stod(v.value);
                break;
            default:
                j[v.attribute] = v.value;
        }
    }
    return j;
}

std::string counted(long long n, const std::string& singular, const std::string& plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

}  // namespace quire::cli
