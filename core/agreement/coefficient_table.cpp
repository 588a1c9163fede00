// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/agreement/coefficient_table.h"

#include <cassert>
#include <cstdio>

namespace quire::agreement {

namespace {

using Scope = CoefficientScope;
using Format = CoefficientFormat;

CoefficientColumn in_document(const char* key, const char* name, const char* label, Format format,
                              Coefficient DocumentAgreement::*member) {
    CoefficientColumn c{Scope::Document, key, name, label, format};
    c.in_document = member;
    return c;
}

CoefficientColumn in_code(const char* key, const char* name, const char* label, Format format,
                          Coefficient CodeAgreement::*member) {
    CoefficientColumn c{Scope::Code, key, name, label, format};
    c.in_code = member;
    return c;
}

CoefficientColumn in_overall(const char* key, const char* name, const char* label, Format format,
                             Coefficient OverallAgreement::*member) {
    CoefficientColumn c{Scope::Overall, key, name, label, format};
    c.in_overall = member;
    c.per_code = member == nullptr;
    return c;
}

CoefficientColumn unitized(CoefficientColumn c) {
    c.unitized = true;
    return c;
}

}  // namespace

const std::vector<CoefficientColumn>& coefficient_table() {
    static const std::vector<CoefficientColumn> table = {
        in_document("percent_agreement", "percent agreement", "Agreement %", Format::Percent,
                    &DocumentAgreement::percent_agreement),
        in_document("kappa", "kappa", "Kappa", Format::Ratio, &DocumentAgreement::kappa),

        in_code("percent_agreement", "percent agreement", "Agreement %", Format::Percent,
                &CodeAgreement::percent_agreement),
        in_code("kappa", "kappa", "Kappa", Format::Ratio, &CodeAgreement::kappa),
        in_code("fleiss_kappa", "Fleiss' kappa", "Fleiss’ κ", Format::Ratio,
                &CodeAgreement::fleiss_kappa),
        in_code("krippendorff_alpha", "Krippendorff's alpha", "Krippendorff’s α", Format::Ratio,
                &CodeAgreement::krippendorff_alpha),
        unitized(
            in_code("k_u_alpha", "(k)u-alpha", "(k)uα", Format::Ratio, &CodeAgreement::k_u_alpha)),
        unitized(in_code("alpha_u_1995", "alpha-u (1995)", "αu (1995)", Format::Ratio,
                         &CodeAgreement::alpha_u_1995)),

        in_overall("cohen_kappa", "Cohen's kappa", "Cohen’s κ", Format::Ratio,
                   &OverallAgreement::cohen_kappa),
        in_overall("scott_pi", "Scott's pi", "Scott’s π", Format::Ratio,
                   &OverallAgreement::scott_pi),
        in_overall("krippendorff_alpha", "Krippendorff's alpha", "Krippendorff’s α", Format::Ratio,
                   &OverallAgreement::krippendorff_alpha),
        in_overall("brennan_prediger", "Brennan-Prediger", "Brennan–Prediger", Format::Ratio,
                   &OverallAgreement::brennan_prediger),
        in_overall("percent_agreement", "percent agreement", "Agreement %", Format::Percent,
                   &OverallAgreement::percent_agreement),
        unitized(in_overall("u_alpha", "u-alpha", "uα", Format::Ratio, &OverallAgreement::u_alpha)),
        unitized(in_overall("binary_u_alpha", "|u-alpha", "|uα", Format::Ratio,
                            &OverallAgreement::binary_u_alpha)),
        unitized(
            in_overall("cu_alpha", "cu-alpha", "cuα", Format::Ratio, &OverallAgreement::cu_alpha)),
        unitized(in_overall("k_u_alpha", "(k)u-alpha", "(k)uα", Format::Ratio, nullptr)),
        unitized(in_overall("alpha_u_1995", "alpha-u (1995)", "αu (1995)", Format::Ratio,
                            &OverallAgreement::alpha_u_1995)),
    };
    return table;
}

std::vector<CoefficientColumn> coefficients_of(CoefficientScope scope, bool with_per_code) {
    std::vector<CoefficientColumn> out;
    for (const CoefficientColumn& c : coefficient_table()) {
        if (c.scope == scope && (with_per_code || !c.per_code)) {
            out.push_back(c);
        }
    }
    return out;
}

const Coefficient& figure(const CoefficientColumn& column, const DocumentAgreement& d) {
    assert(column.in_document);
    return d.*column.in_document;
}

const Coefficient& figure(const CoefficientColumn& column, const CodeAgreement& c) {
    assert(column.in_code);
    return c.*column.in_code;
}

const Coefficient& figure(const CoefficientColumn& column, const OverallAgreement& o) {
    assert(column.in_overall);
    return o.*column.in_overall;
}

std::string format_coefficient(const Coefficient& c, CoefficientFormat format,
                               const std::string& undefined) {
    return format_coefficient(c, format == CoefficientFormat::Percent ? 1 : 3, undefined);
}

std::string format_coefficient(const Coefficient& c, int decimals, const std::string& undefined) {
    if (!c.value) {
        return undefined;
    }
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, *c.value);
    return buffer;
}

}  // namespace quire::agreement
