// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

// Speaker turns in a transcript: the one rule for whether a paragraph opens with a
// speaker's label, for every part of Quire that reads turns (agreement's turn units).
// Nothing here throws; text that is not valid UTF-8 never opens a turn.
namespace quire::text {

// True when `paragraph` (one line without its leading blanks) opens with a speaker label:
// the text before its first colon, which
// - is 1 to 60 characters long and holds a letter ("Ann:", "**Jerod Santo:**",
//   "O señor CONSELLEIRO DE FACENDA (Martínez García):", "Saulius Grigaitis | Grandine:");
// - holds no ? ! ; or ", which end or quote a sentence;
// - holds a full stop only in an abbreviation: after an initial ("Mireille B. Reece"),
//   after a title (Dr, Mr, Mrs, Ms, Mx, Prof, Rev, Fr, Sr, Sra, Srta, Jr, St, Hon, Capt, Sgt,
//   Lt, Col, Gen, Det, Insp, Supt, Cllr, Mme, Mlle, Dott, Ing, Hr) or between letters
//   ("Psy.D", "Ph.D."), never after a word ("No. What I mean is:");
// and the colon is not between two digits, where it is a time ("00:26:23").
bool opens_with_turn_label(std::string_view paragraph);

}  // namespace quire::text
