// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>
#include <vector>

#include "core/agreement/reliability.h"

// Reliability tables the agreement tests share: published examples and ways to write them.
namespace quire::test {

using quire::agreement::ReliabilityData;

inline constexpr double kNa = -999;  // marks a missing cell in the literal tables below

// Rows are units, columns coders; kNa is missing.
inline ReliabilityData table(const std::vector<std::vector<double>>& rows) {
    ReliabilityData data;
    for (const auto& row : rows) {
        std::vector<std::optional<double>> cells;
        for (const double v : row) {
            cells.push_back(v == kNa ? std::nullopt : std::optional<double>(v));
        }
        data.values.push_back(std::move(cells));
    }
    return data;
}

// Coders given as rows (as the papers print them), transposed into units x coders.
inline ReliabilityData by_coder(const std::vector<std::vector<double>>& coders) {
    std::vector<std::vector<double>> units(coders.front().size());
    for (const auto& coder : coders) {
        for (std::size_t u = 0; u < coder.size(); ++u) {
            units[u].push_back(coder[u]);
        }
    }
    return table(units);
}

// A "distribution of raters by subject and category" table (Fleiss's form: counts[u][k] is
// how many raters put unit u in category k+1) expanded into raw ratings. Fleiss's raters
// are not the same people across units, so which column gets which rating is arbitrary;
// none of the coefficients it is used with depend on it.
inline ReliabilityData from_counts(const std::vector<std::vector<int>>& counts) {
    std::vector<std::vector<double>> rows;
    for (const auto& unit : counts) {
        std::vector<double> row;
        for (std::size_t k = 0; k < unit.size(); ++k) {
            for (int i = 0; i < unit[k]; ++i) {
                row.push_back(static_cast<double>(k + 1));
            }
        }
        rows.push_back(row);
    }
    return table(rows);
}

// A 2-coder contingency table (rows: coder 1's category, columns: coder 2's) as raw data.
inline ReliabilityData from_contingency(const std::vector<std::vector<int>>& cells) {
    std::vector<std::vector<double>> rows;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        for (std::size_t j = 0; j < cells[i].size(); ++j) {
            for (int n = 0; n < cells[i][j]; ++n) {
                rows.push_back({static_cast<double>(i + 1), static_cast<double>(j + 1)});
            }
        }
    }
    return table(rows);
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: observers
// A-D, units 1-12, values 1-5, missing cells. The same matrix is R irr's kripp.alpha example
// (`nmm`), irrCAC's `cac.raw4raters` (Gwet's Handbook, 2014) and the test data of the
// Python `krippendorff` package.
inline ReliabilityData krippendorff_four_coders() {
    return by_coder({
        {1, 2, 3, 3, 2, 1, 4, 1, 2, kNa, kNa, kNa},  // A
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, kNa, 3},      // B
        {kNa, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, kNa},    // C
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, kNa},      // D
    });
}

// Fleiss (1971), Table 1: 30 psychiatric patients, 6 diagnoses each, categories
// 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other. Counts as in
// the quadagree R package's data_raw/fleiss1971.csv (scraped from the paper); rows 1-15 are
// irrCAC's `distrib.6raters` and agree with R irr's `diagnoses`.
inline const std::vector<std::vector<int>> kFleiss1971 = {
    {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
    {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
    {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
    {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
    {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
    {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6},
};

inline std::vector<std::vector<int>> first_rows(const std::vector<std::vector<int>>& rows,
                                                std::size_t n) {
    return {rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(n)};
}

// Gwet (2014) / irrCAC `cont3x3abstractors`: two abstractors classifying 100 pregnancies as
// ectopic, AIU or NIU.
inline const std::vector<std::vector<int>> kAbstractors = {{13, 0, 0}, {0, 20, 7}, {0, 4, 56}};

// Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, readers A (rows) and B
// (columns), Yes/No.
inline const std::vector<std::vector<int>> kGrantProposals = {{20, 5}, {10, 15}};

// Hand-computed: 3 coders, 4 units, one cell missing in unit 2 and two in unit 4.
inline ReliabilityData small_three_coders() {
    return table({
        {1, 1, 1},
        {1, 2, kNa},
        {2, 2, 2},
        {1, kNa, kNa},
    });
}

inline void require_undefined(const quire::agreement::Coefficient& c) {
    CHECK_FALSE(c.value.has_value());
    CHECK_FALSE(c.note.empty());
}

}  // namespace quire::test
