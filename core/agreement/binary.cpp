// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/binary.h"

#include <string>

#include "core/base/errors.h"

namespace quire::agreement {
namespace {

void check_histogram(const std::vector<std::int64_t>& units_with, int raters) {
    if (raters < 0 || units_with.size() != static_cast<std::size_t>(raters) + 1) {
        throw InvalidInputError("binary agreement needs one count for each of 0.." +
                                std::to_string(raters) + " raters");
    }
}

}  // namespace

Coefficient nvivo_percent_agreement(const TwoRaterCounts& c) {
    if (c.total <= 0) {
        return Coefficient::undefined("no units to compare");
    }
    return Coefficient::of(100.0 * static_cast<double>(c.both + c.neither()) /
                           static_cast<double>(c.total));
}

Coefficient nvivo_kappa(const TwoRaterCounts& c) {
    if (c.total <= 0) {
        return Coefficient::undefined("no units to compare");
    }
    const double total = static_cast<double>(c.total);
    const double a = static_cast<double>(c.a);
    const double b = static_cast<double>(c.b);
    const double expected = a * b / total + (total - a) * (total - b) / total;
    const double observed = static_cast<double>(c.both + c.neither());
    // total − expected = (a(total−b) + b(total−a)) / total: zero exactly when neither or both
    // coded every unit. Decided on the integers, not on the rounded doubles.
    if (c.a * (c.total - c.b) + c.b * (c.total - c.a) == 0) {
        return Coefficient::undefined(
            c.a == 0 ? "neither coder applied the code, so chance agreement is total"
                     : "both coders applied the code to every unit, so chance agreement is total");
    }
    return Coefficient::of((observed - expected) / (total - expected));
}

Coefficient binary_fleiss_kappa(const std::vector<std::int64_t>& units_with, int raters) {
    check_histogram(units_with, raters);
    if (raters < 2) {
        return Coefficient::undefined("Fleiss' kappa needs at least two raters");
    }
    const double m = raters;
    double units = 0, coded = 0, agreement = 0;
    for (int k = 0; k <= raters; ++k) {
        const double n = static_cast<double>(units_with[static_cast<std::size_t>(k)]);
        units += n;
        coded += n * k;
        agreement += n * (k * (k - 1.0) + (m - k) * (m - k - 1.0)) / (m * (m - 1.0));
    }
    if (units == 0) {
        return Coefficient::undefined("no units to compare");
    }
    const double p1 = coded / (units * m);
    const double chance = p1 * p1 + (1 - p1) * (1 - p1);
    if (chance == 1.0) {
        return Coefficient::undefined(p1 == 0 ? "no rater applied the code"
                                              : "every rater applied the code to every unit");
    }
    return Coefficient::of((agreement / units - chance) / (1 - chance));
}

Coefficient binary_krippendorff_alpha(const std::vector<std::int64_t>& units_with, int raters) {
    check_histogram(units_with, raters);
    if (raters < 2) {
        return Coefficient::undefined("Krippendorff's alpha needs at least two raters");
    }
    const double m = raters;
    double n1 = 0, n = 0, disagreeing = 0;  // disagreeing = o(0,1), a coincidence count
    for (int k = 0; k <= raters; ++k) {
        const double units = static_cast<double>(units_with[static_cast<std::size_t>(k)]);
        n += units * m;
        n1 += units * k;
        disagreeing += units * k * (m - k) / (m - 1);
    }
    const double n0 = n - n1;
    if (n0 * n1 == 0) {
        return Coefficient::undefined(n1 == 0 ? "no rater applied the code"
                                              : "every rater applied the code to every unit");
    }
    // Nominal alpha = 1 - Do/De with Do = 2·o01/n and De = 2·n0·n1/(n(n-1)).
    return Coefficient::of(1.0 - (n - 1) * disagreeing / (n0 * n1));
}

}  // namespace quire::agreement
