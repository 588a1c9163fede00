// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

// The result type of every agreement coefficient in core/agreement. The functions there
// are pure: no storage, no GUI, no exceptions for undefined values (they throw
// InvalidInputError only for malformed input, e.g. ragged tables).
namespace quire::agreement {

struct Coefficient {
    // Empty when the coefficient is undefined for this data (e.g. kappa when both coders
    // used a single category, so expected disagreement is zero).
    std::optional<double> value;
    // Why the value is undefined, or a caveat about how it was computed; empty otherwise.
    std::string note;

    static Coefficient of(double v) { return {v, {}}; }
    static Coefficient undefined(std::string why) { return {std::nullopt, std::move(why)}; }
};

}  // namespace quire::agreement
