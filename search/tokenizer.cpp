// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <unordered_map>

#include "core/base/errors.h"

namespace quire::search {
namespace {

// Combining marks that are accents on a letter (removed by folding), as opposed to marks
// that are letters of their script (kept).
bool is_foldable_mark(UChar32 c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
           (c >= 0x0591 && c <= 0x05BD) || c == 0x05BF || c == 0x05C1 || c == 0x05C2 ||
           c == 0x05C4 || c == 0x05C5 || c == 0x05C7 || (c >= 0x0610 && c <= 0x061A) ||
           (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) ||
           (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 ||
           (c >= 0x06EA && c <= 0x06ED) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

// A Latin letter outside ASCII: what is left of one after its accents are removed (ø, ł,
// đ, æ, þ, ı...) goes through Latin-ASCII.
bool is_non_ascii_latin(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    return c >= 0x80 && uscript_getScript(c, &status) == USCRIPT_LATIN;
}

// "person's" -> "person": a reader searching for "person" expects the possessive, and
// "young person" should match "young person's" as a phrase.
void strip_possessive(std::string& term) {
    if (term.size() > 2 && term[term.size() - 1] == 's' && term[term.size() - 2] == '\'') {
        term.resize(term.size() - 2);
    }
}

// Character classes of UAX #29 word breaking, as ICU's root rules assign them, for the
// characters the fast path accepts.
enum class Cls : unsigned char { Other, Letter, Digit, MidNumLet, MidNum, Space, Newline };

// The class of the character at `i` and its length in bytes; length 0 when the fast path
// does not know the character (the caller then uses ICU).
std::pair<Cls, std::size_t> classify(std::string_view s, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return {Cls::Letter, 1};
        }
        if (c >= '0' && c <= '9') {
            return {Cls::Digit, 1};
        }
        switch (c) {
            case '.':
            case '\'':
                return {Cls::MidNumLet, 1};
            case ',':
            case ';':
                return {Cls::MidNum, 1};
            case ' ':
                return {Cls::Space, 1};
            case '\n':
            case '\r':
            case '\v':
            case '\f':
                return {Cls::Newline, 1};
            case '_':   // ExtendNumLet: joins words in ways not followed here
            case '"':   // part of Hebrew words
            case '@':   // a letter in ICU's root rules (e-mail addresses, handles)
            case 0x1B:  // escape sequences are not prose
                return {Cls::Other, 0};
            default:
                return c < 0x20 && c != '\t' ? std::pair<Cls, std::size_t>{Cls::Other, 0}
                                             : std::pair<Cls, std::size_t>{Cls::Other, 1};
        }
    }
    // U+2013 U+2014 dashes, U+2018 U+2019 single quotes, U+201C U+201D double quotes,
    // U+2026 ellipsis: E2 80 xx.
    if (c == 0xE2 && i + 2 < s.size() + 0 && static_cast<unsigned char>(s[i + 1]) == 0x80) {
        switch (static_cast<unsigned char>(s[i + 2])) {
            case 0x98:
            case 0x99:
                return {Cls::MidNumLet, 3};
            case 0x93:
            case 0x94:
            case 0x9C:
            case 0x9D:
            case 0xA6:
                return {Cls::Other, 3};
            default:
                break;
        }
    }
    return {Cls::Other, 0};
}

// Word spans of text in the characters classify() knows, following UAX #29 rules WB5-WB12
// (letters and digits join; a MidNumLet joins two letters or two digits, a MidNum two
// digits). Returns false, leaving `out` unspecified, when the text has other characters.
// Keeps nothing per character: a paragraph may be a line of tens of megabytes.
bool fast_spans(std::string_view s, std::size_t most, std::vector<WordSpan>& out) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t length = classify(s, i).second;
        if (length == 0) {
            return false;
        }
        i += length;
    }
    auto is_alnum = [](Cls c) { return c == Cls::Letter || c == Cls::Digit; };
    std::size_t byte = 0;
    std::int64_t cp = 0;
    while (byte < s.size()) {
        const auto [cls, length] = classify(s, byte);
        if (!is_alnum(cls)) {
            byte += length;
            ++cp;
            continue;
        }
        WordSpan w;
        w.byte_start = byte;
        w.start = cp;
        Cls last = cls;  // of the word's last character so far
        std::size_t end = byte + length;
        std::int64_t end_cp = cp + 1;
        while (end < s.size()) {
            const auto [next, next_length] = classify(s, end);
            if (is_alnum(next)) {
                last = next;
                end += next_length;
                ++end_cp;
                continue;
            }
            // A single joiner between two letters (MidNumLet) or two digits (either kind).
            if ((next == Cls::MidNumLet || next == Cls::MidNum) && end + next_length < s.size()) {
                const auto [after, after_length] = classify(s, end + next_length);
                const bool letters =
                    last == Cls::Letter && after == Cls::Letter && next == Cls::MidNumLet;
                const bool digits = last == Cls::Digit && after == Cls::Digit;
                if (letters || digits) {
                    last = after;
                    end += next_length + after_length;
                    end_cp += 2;
                    continue;
                }
            }
            break;
        }
        w.byte_end = end;
        w.end = end_cp;
        out.push_back(w);
        if (out.size() == most) {
            return true;
        }
        cp = end_cp;
        byte = end;
    }
    return true;
}

}  // namespace

struct Tokenizer::State {
    std::unique_ptr<icu::BreakIterator> breaks;
    UText* utext = nullptr;
    const icu::Normalizer2* casefold = nullptr;
    const icu::Normalizer2* nfd = nullptr;
    const icu::Normalizer2* nfc = nullptr;
    std::string_view text;
    std::int32_t previous = 0;
    std::int64_t previous_cp = 0;
    Word word;
    std::unordered_map<std::string, std::string> folded;  // non-ASCII words seen before
    // Made on the first word that needs it: ASCII and non-Latin text never do.
    std::unique_ptr<icu::Transliterator> latin_ascii;

    ~State() {
        if (utext != nullptr) {
            utext_close(utext);
        }
    }

    void fold_into(std::string_view raw, std::string& out) {
        bool ascii = true;
        for (const char c : raw) {
            if (static_cast<unsigned char>(c) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            out.assign(raw);
            for (char& c : out) {
                if (c >= 'A' && c <= 'Z') {
                    c = static_cast<char>(c - 'A' + 'a');
                }
            }
            strip_possessive(out);
            return;
        }
        const std::string key(raw);
        if (const auto it = folded.find(key); it != folded.end()) {
            out = it->second;
            return;
        }
        UErrorCode status = U_ZERO_ERROR;
        icu::UnicodeString s = icu::UnicodeString::fromUTF8(raw);
        s.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
        s.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), icu::UnicodeString("'"));
        // ŉ is Afrikaans 'n, which a reader types "'n" and the word breaker makes "n".
        s.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0149)), icu::UnicodeString("n"));
        icu::UnicodeString decomposed = nfd->normalize(casefold->normalize(s, status), status);
        icu::UnicodeString kept;
        bool latin = false;
        for (std::int32_t i = 0; i < decomposed.length();) {
            const UChar32 c = decomposed.char32At(i);
            // The middle dot joins Catalan's l·l (and is what NFKC makes of Ŀ): it goes, as
            // a reader searching "collegi" or "Lluis" would not type it.
            if (!is_foldable_mark(c) && c != 0x00B7) {
                kept.append(c);
                latin = latin || is_non_ascii_latin(c);
            }
            i += U16_LENGTH(c);
        }
        if (latin) {
            to_ascii(kept);
            kept.foldCase();  // Latin-ASCII writes small capitals (ʀ, ɪ) as capitals
        }
        const icu::UnicodeString composed = nfc->normalize(kept, status);
        if (U_FAILURE(status)) {
            throw Error(std::string("cannot fold a word: ") + u_errorName(status));
        }
        out.clear();
        composed.toUTF8String(out);
        strip_possessive(out);
        if (folded.size() > 200000) {
            folded.clear();  // bounded memory on pathological vocabularies
        }
        folded.emplace(key, out);
    }

    // Letters that have no decomposition and so keep no accent to remove (ł ø đ æ œ þ ħ ı
    // ĸ ŋ ŧ) become the ASCII a reader would type, through ICU's Latin-ASCII: each run of
    // non-ASCII Latin letters alone, so that other scripts in the word are left as they are.
    void to_ascii(icu::UnicodeString& s) {
        if (!latin_ascii) {
            UErrorCode status = U_ZERO_ERROR;
            latin_ascii.reset(
                icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
            if (U_FAILURE(status) || !latin_ascii) {
                throw Error(std::string("cannot create ICU's Latin-ASCII transliterator: ") +
                            u_errorName(status));
            }
        }
        for (std::int32_t i = 0; i < s.length();) {
            if (!is_non_ascii_latin(s.char32At(i))) {
                i += U16_LENGTH(s.char32At(i));
                continue;
            }
            std::int32_t end = i;
            while (end < s.length() && is_non_ascii_latin(s.char32At(end))) {
                end += U16_LENGTH(s.char32At(end));
            }
            i = latin_ascii->transliterate(s, i, end);
        }
    }
};

Tokenizer::Tokenizer() : state_(std::make_unique<State>()) {
    UErrorCode status = U_ZERO_ERROR;
    state_->breaks.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    state_->casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    state_->nfd = icu::Normalizer2::getNFDInstance(status);
    state_->nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !state_->breaks) {
        throw Error(std::string("cannot create the ICU word breaker: ") + u_errorName(status));
    }
}

Tokenizer::~Tokenizer() = default;

void Tokenizer::begin(std::string_view utf8) {
    State& s = *state_;
    UErrorCode status = U_ZERO_ERROR;
    s.text = utf8;
    s.utext = utext_openUTF8(s.utext, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
    s.breaks->setText(s.utext, status);
    if (U_FAILURE(status)) {
        throw Error(std::string("cannot break text into words: ") + u_errorName(status));
    }
    s.previous = 0;
    s.previous_cp = 0;
}

const Word* Tokenizer::next() {
    State& s = *state_;
    for (;;) {
        const std::int32_t end = s.breaks->next();
        if (end == icu::BreakIterator::DONE) {
            return nullptr;
        }
        const std::int32_t start = s.previous;
        std::int64_t cps = 0;
        for (std::int32_t i = start; i < end; ++i) {
            cps += (static_cast<unsigned char>(s.text[static_cast<std::size_t>(i)]) & 0xC0) != 0x80;
        }
        const std::int64_t start_cp = s.previous_cp;
        s.previous = end;
        s.previous_cp += cps;
        if (s.breaks->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            continue;
        }
        s.fold_into(
            s.text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)),
            s.word.term);
        if (s.word.term.empty()) {
            continue;
        }
        s.word.start = start_cp;
        s.word.end = s.previous_cp;
        s.word.byte_start = static_cast<std::size_t>(start);
        s.word.byte_end = static_cast<std::size_t>(end);
        return &s.word;
    }
}

std::vector<Word> Tokenizer::words(std::string_view utf8, std::size_t most) {
    std::vector<Word> out;
    if (most == 0) {
        return out;
    }
    begin(utf8);
    while (const Word* w = next()) {
        out.push_back(*w);
        if (out.size() == most) {
            break;
        }
    }
    return out;
}

std::vector<WordSpan> Tokenizer::spans(std::string_view utf8, std::size_t most) {
    std::vector<WordSpan> out;
    if (most == 0) {
        return out;
    }
    if (fast_spans(utf8, most, out)) {
        return out;
    }
    out.clear();
    begin(utf8);
    while (const Word* w = next()) {
        out.push_back({w->start, w->end, w->byte_start, w->byte_end});
        if (out.size() == most) {
            break;
        }
    }
    return out;
}

const std::string& Tokenizer::folded(std::string_view word) {
    state_->fold_into(word, state_->word.term);
    return state_->word.term;
}

std::string Tokenizer::fold(std::string_view word) {
    std::string out;
    state_->fold_into(word, out);
    return out;
}

}  // namespace quire::search
