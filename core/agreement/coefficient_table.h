// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/agreement/comparison.h"

// Every agreement coefficient Quire reports, once: its JSON key, its names, how it is
// formatted and where it applies. The JSON, CSV, XLSX and HTML reports, the workbench's
// table and the command line's text all walk this table, so adding a coefficient to the
// reports is one entry here (plus computing it in comparison.cpp).
//
// Contract: nothing here throws.
namespace quire::agreement {

// Where a figure applies: to one code in one document, to one code pooled over documents,
// or to all codes together.
enum class CoefficientScope { Document, Code, Overall };

enum class CoefficientFormat {
    Ratio,    // three decimals: kappa, alpha, pi
    Percent,  // 0 to 100, one decimal
};

struct CoefficientColumn {
    CoefficientScope scope;
    const char* key;    // JSON member and CSV column: "cohen_kappa"
    const char* name;   // plain text, for spreadsheets and the command line: "Cohen's kappa"
    const char* label;  // typeset, for HTML and the workbench: "Cohen’s κ"
    CoefficientFormat format;
    // The figure, through the member of its scope's result (the others are null).
    Coefficient DocumentAgreement::*in_document = nullptr;
    Coefficient CodeAgreement::*in_code = nullptr;
    Coefficient OverallAgreement::*in_overall = nullptr;
    // Of the unitized family (uα, |uα, cuα, (k)uα, αu), computed on the coded continuum
    // rather than on units; listings group them apart.
    bool unitized = false;
    // (k)uα of all codes together is one value per code (OverallAgreement::k_u_alpha): only
    // the JSON report lists it, as an object keyed by code.
    bool per_code = false;
};

// The whole table, in report order within each scope.
const std::vector<CoefficientColumn>& coefficient_table();
// The entries of one scope, in report order (per-code overall entries left out unless
// asked for).
std::vector<CoefficientColumn> coefficients_of(CoefficientScope scope, bool with_per_code = false);

const Coefficient& figure(const CoefficientColumn& column, const DocumentAgreement& d);
const Coefficient& figure(const CoefficientColumn& column, const CodeAgreement& c);
const Coefficient& figure(const CoefficientColumn& column, const OverallAgreement& o);

// The value as reports show it ("0.812", "81.2"), or `undefined` when it has none.
std::string format_coefficient(const Coefficient& c, CoefficientFormat format,
                               const std::string& undefined = "—");
// The same with an explicit number of decimals (the command line's calculator shows four).
std::string format_coefficient(const Coefficient& c, int decimals,
                               const std::string& undefined = "—");

}  // namespace quire::agreement
