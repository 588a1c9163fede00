// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/corpus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace bench {
namespace {

// Common words of spoken English, roughly most frequent first.
const char* const kCommon[] = {
    "the",        "I",          "and",        "to",         "a",
    "that",       "of",         "it",         "you",        "in",
    "was",        "we",         "is",         "they",       "so",
    "but",        "like",       "for",        "know",       "with",
    "be",         "on",         "have",       "think",      "just",
    "what",       "not",        "there",      "do",         "this",
    "about",      "yeah",       "he",         "she",        "were",
    "them",       "at",         "if",         "or",         "really",
    "people",     "all",        "would",      "because",    "can",
    "one",        "get",        "then",       "when",       "had",
    "some",       "from",       "are",        "more",       "my",
    "as",         "go",         "very",       "lot",        "time",
    "me",         "their",      "which",      "out",        "said",
    "how",        "been",       "our",        "things",     "well",
    "other",      "who",        "mean",       "her",        "his",
    "up",         "by",         "an",         "no",         "thing",
    "going",      "want",       "even",       "where",      "those",
    "these",      "into",       "never",      "any",        "make",
    "sort",       "kind",       "way",        "also",       "see",
    "much",       "now",        "quite",      "say",        "actually",
    "something",  "work",       "always",     "bit",        "maybe",
    "come",       "back",       "could",      "will",       "did",
    "feel",       "us",         "good",       "got",        "different",
    "first",      "new",        "still",      "right",      "need",
    "sometimes",  "look",       "take",       "why",        "only",
    "than",       "over",       "again",      "year",       "years",
    "day",        "week",       "someone",    "everything", "nothing",
    "around",     "same",       "important",  "probably",   "whether",
    "through",    "might",      "should",     "often",      "both",
    "each",       "every",      "after",      "before",     "while",
    "though",     "down",       "off",        "here",       "being",
    "made",       "went",       "came",       "used",       "does",
    "doing",      "tell",       "talk",       "talking",    "tried",
    "trying",     "find",       "found",      "give",       "given",
    "keep",       "kept",       "put",        "start",      "started",
    "let",        "seemed",     "seem",       "felt",       "asked",
    "saw",        "knew",       "thought",    "understand", "remember",
    "happened",   "happen",     "part",       "place",      "point",
    "fact",       "number",     "idea",       "side",       "end",
    "life",       "world",      "hand",       "room",       "morning",
    "evening",    "month",      "last",       "long",       "little",
    "big",        "small",      "great",      "own",        "old",
    "high",       "low",        "real",       "whole",      "clear",
    "hard",       "easy",       "difficult",  "possible",   "able",
    "sure",       "certain",    "open",       "close",      "full",
    "late",       "next",       "few",        "many",       "most",
    "less",       "least",      "enough",     "such",       "too",
    "yes",        "okay",       "oh",         "um",         "erm",
    "obviously",  "basically",  "definitely", "certainly",  "perhaps",
    "usually",    "already",    "together",   "almost",     "away",
    "along",      "across",     "between",    "without",    "within",
    "against",    "during",     "under",      "since",      "until",
    "upon",       "towards",    "whom",       "whose",      "himself",
    "herself",    "themselves", "myself",     "yourself",   "anyone",
    "everyone",   "somebody",   "anything",   "nobody",     "question",
    "answer",     "reason",     "problem",    "issue",      "issues",
    "example",    "experience", "situation",  "change",     "changes",
    "process",    "level",      "area",       "areas",      "system",
    "approach",   "job",        "money",      "house",      "car",
    "phone",      "friends",    "friend",     "mother",     "father",
    "brother",    "sister",     "son",        "daughter",   "girl",
    "boy",        "man",        "woman",      "men",        "women",
    "class",      "lesson",     "office",     "street",     "town",
    "city",       "water",      "food",       "night",      "today",
    "tomorrow",   "yesterday",  "weekend",    "holiday",    "hour",
    "hours",      "minutes",    "moment",     "sense",      "story",
    "stories",    "words",      "word",       "name",       "face",
    "head",       "mind",       "body",       "eyes",       "matter",
    "power",      "care",       "attention",  "interest",   "difference",
    "value",      "values",     "chance",     "choice",     "choices",
    "view",       "views",      "position",   "response",   "term",
    "terms",      "rather",     "instead",    "quickly",    "slowly",
    "carefully",  "properly",   "exactly",    "especially", "particularly",
    "generally",  "completely", "absolutely", "honestly",   "personally",
    "eventually", "finally",    "initially",  "recently",   "currently",
    "previously",
};

// Words of a child-protection programme, most frequent first.
const char* const kDomain[] = {
    "risk",          "family",       "school",        "trust",      "young",
    "person",        "child",        "children",      "parents",    "safeguarding",
    "worker",        "social",       "support",       "safety",     "concern",
    "referral",      "practitioner", "network",       "consent",    "exploitation",
    "uncertainty",   "plan",         "meeting",       "concerns",   "assessment",
    "team",          "service",      "services",      "police",     "health",
    "agency",        "home",         "teacher",       "help",       "decision",
    "case",          "cases",        "practitioners", "partners",   "threshold",
    "disclosure",    "harm",         "protection",    "vulnerable", "relationship",
    "relationships", "manager",      "supervision",   "evidence",   "information",
    "sharing",       "record",       "records",       "review",     "strategy",
    "intervention",  "outcome",      "outcomes",      "early",      "local",
    "authority",     "court",        "visit",         "visits",     "contact",
    "placement",     "foster",       "carer",         "carers",     "community",
    "youth",         "group",        "peer",          "peers",      "online",
    "missing",       "professional", "professionals", "colleague",  "colleagues",
    "policy",        "procedure",    "procedures",    "guidance",   "training",
    "confidence",    "judgement",    "context",       "contextual", "adolescent",
    "adolescents",   "mum",          "dad",           "siblings",   "education",
    "attendance",    "exclusion",    "resilience",    "curiosity",  "escalate",
    "escalation",    "safeguard",    "safeguarded",   "exploited",  "referrals",
    "referred",      "referring",    "trusted",       "trusting",   "risks",
    "risky",         "networks",     "consented",     "uncertain",  "practice",
    "parenting",     "lead",         "designated",    "statutory",  "voluntary",
    "sector",        "caseload",     "workload",      "handover",   "chronology",
    "nurse",         "agencies",     "partner",       "decisions",  "neglect",
};

// Words placed at a given rank: contractions, hyphenated and accented words, emoji, CJK.
const std::pair<const char*, int> kPlaced[] = {
    {"don’t", 25},         {"it’s", 30},
    {"I’m", 45},           {"that’s", 60},
    {"can’t", 80},         {"didn’t", 90},
    {"there’s", 100},      {"they’re", 120},
    {"wasn’t", 150},       {"we’re", 170},
    {"I’ve", 200},         {"doesn’t", 230},
    {"multi-agency", 250}, {"isn’t", 260},
    {"you’re", 290},       {"one-to-one", 300},
    {"well-being", 320},   {"person’s", 350},
    {"follow-up", 380},    {"child’s", 420},
    {"I’d", 450},          {"decision-making", 480},
    {"we’ve", 500},        {"long-term", 550},
    {"family’s", 600},     {"face-to-face", 650},
    {"mum’s", 700},        {"child-centred", 750},
    {"rôle", 800},         {"part-time", 900},
    {"low-level", 1000},   {"high-risk", 1100},
    {"café", 1200},        {"step-down", 1300},
    {"naïve", 1500},       {"Zoë", 1700},
    {"cliché", 2200},      {"résumé", 2500},
    {"Chloé", 2800},       {"façade", 3000},
    {"José", 3500},        {"fiancée", 4000},
    {"🙂", 9000},        {"信任", 12000},
    {"家庭", 16000},
};

// Phrases an interviewee says again and again; one may be dropped into a sentence.
const char* const kPhrases[] = {
    "at the end of the day",
    "I think the main thing is",
    "young person",
    "social worker",
    "strategy meeting",
    "child protection plan",
    "the risk of exploitation",
    "in terms of safeguarding",
    "déjà vu",
    "a one-to-one session",
    "the family’s consent",
    "young person’s safety",
};

const char* const kQuestionOpeners[] = {
    "How did you",
    "What do you think about",
    "Can you tell me about",
    "Why was the",
    "When did you first notice",
    "Who else was involved in",
    "What happened with the",
};

constexpr int kVocabulary = 60000;
// Calibrated on real interviews: about 2,000 distinct words in 11,500 (the podcast
// interviews among the shared test corpora have 1,709 in 13,236 and 2,407 in 22,046).
constexpr double kExponent = 1.3;
constexpr double kShift = 2.7;  // Zipf-Mandelbrot: flattens the very top

std::vector<std::string> pseudo_words(std::size_t count,
                                      const std::unordered_set<std::string>& taken,
                                      std::mt19937_64& random) {
    static const char* const onsets[] = {"b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",
                                         "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v",
                                         "w",  "z",  "br", "cl", "dr", "fl", "gr", "pl",
                                         "st", "tr", "sh", "ch", "th", "qu", "sc", "sp"};
    static const char* const vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"};
    static const char* const codas[] = {"", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"};
    static const char* const endings[] = {"",    "",   "",   "",    "s",    "ed",
                                          "ing", "ly", "er", "ion", "ness", "ity"};
    std::unordered_set<std::string> seen(taken);
    std::vector<std::string> out;
    out.reserve(count);
    while (out.size() < count) {
        std::string w;
        const int syllables = 1 + static_cast<int>(random() % 3);
        for (int s = 0; s < syllables; ++s) {
            w += onsets[random() % std::size(onsets)];
            w += vowels[random() % std::size(vowels)];
            w += codas[random() % std::size(codas)];
        }
        w += endings[random() % std::size(endings)];
        if (seen.insert(w).second) {
            out.push_back(std::move(w));
        }
    }
    return out;
}

bool plain_lower_word(std::string_view w) {
    if (w.empty()) {
        return false;
    }
    for (const char c : w) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

// Vocabulary entries by rank: rank 0 is the commonest.
struct Vocabulary {
    std::vector<std::string> words;
    std::vector<bool> is_tail;  // a generated pseudo-word
    std::unordered_map<std::string, std::size_t> rank_of;
};

// Common and domain words interleaved, then the generated tail, with the placed words put
// at their ranks.
Vocabulary ranked_vocabulary(std::mt19937_64& random) {
    Vocabulary v;
    std::vector<std::string>& vocab = v.words;
    std::unordered_set<std::string> taken;
    auto add = [&](const std::string& w) {
        if (taken.insert(w).second) {
            vocab.push_back(w);
        }
    };
    std::size_t c = 0;
    std::size_t d = 0;
    while (c < std::size(kCommon) || d < std::size(kDomain)) {
        // The dozen commonest words first, then one domain word after every three others.
        if (d < std::size(kDomain) && c >= 12 &&
            (vocab.size() % 4 == 3 || c >= std::size(kCommon))) {
            add(kDomain[d++]);
        } else if (c < std::size(kCommon)) {
            add(kCommon[c++]);
        }
    }
    for (const auto& [w, rank] : kPlaced) {
        taken.insert(w);
    }
    const std::size_t tail = kVocabulary - vocab.size() - std::size(kPlaced);
    const std::size_t tail_start = vocab.size();
    for (std::string& w : pseudo_words(tail, taken, random)) {
        vocab.push_back(std::move(w));
    }
    v.is_tail.assign(vocab.size(), false);
    std::fill(v.is_tail.begin() + static_cast<std::ptrdiff_t>(tail_start), v.is_tail.end(), true);
    for (const auto& [w, rank] : kPlaced) {
        const auto at = std::min<std::size_t>(static_cast<std::size_t>(rank), vocab.size());
        vocab.insert(vocab.begin() + static_cast<std::ptrdiff_t>(at), w);
        v.is_tail.insert(v.is_tail.begin() + static_cast<std::ptrdiff_t>(at), false);
    }
    for (std::size_t r = 0; r < vocab.size(); ++r) {
        v.rank_of.emplace(vocab[r], r);
    }
    return v;
}

// Draws ranks from the Zipf-Mandelbrot law and counts how often each was drawn.
class ZipfDraw {
public:
    explicit ZipfDraw(std::size_t ranks) : cumulative_(ranks), counts_(ranks, 0) {
        for (std::size_t r = 0; r < ranks; ++r) {
            sum_ += 1.0 / std::pow(static_cast<double>(r) + kShift, kExponent);
            cumulative_[r] = sum_;
        }
    }

    std::size_t operator()(std::mt19937_64& random) {
        const double x = static_cast<double>(random() >> 11) * 0x1.0p-53 * sum_;
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
        const auto r = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                             cumulative_.size() - 1);
        ++counts_[r];
        return r;
    }

    const std::vector<std::uint32_t>& counts() const { return counts_; }

private:
    std::vector<double> cumulative_;
    double sum_ = 0;
    std::vector<std::uint32_t> counts_;
};

// Writes one transcript: a title line, then interviewer and participant turns until it
// has about `words_per_transcript` words.
class TranscriptWriter {
public:
    TranscriptWriter(const Vocabulary& vocabulary, ZipfDraw& draw, std::mt19937_64& random)
        : vocab_(vocabulary.words), draw_(draw), random_(random) {}

    std::string write(int number, int words_per_transcript) {
        text_.clear();
        text_.reserve(static_cast<std::size_t>(words_per_transcript) * 7);
        words_ = 0;
        paragraphs_ = 0;
        append_phrase("Interview " + std::to_string(number) +
                          ". Fictional transcript for the programme evaluation.",
                      false);
        text_ += '\n';
        ++paragraphs_;
        const int target = words_per_transcript * 9 / 10 +
                           static_cast<int>(random_() % static_cast<unsigned>(
                                                            std::max(1, words_per_transcript / 5)));
        while (words_ < static_cast<std::uint64_t>(target)) {
            turns();
        }
        return std::move(text_);
    }

    std::uint64_t words() const { return words_; }  // of the last transcript
    std::uint64_t paragraphs() const { return paragraphs_; }

private:
    // A question or two, the answer, and now and then more of the answer.
    void turns() {
        append_word("Interviewer:", false);
        const int questions = 1 + static_cast<int>(random_() % 2);
        for (int q = 0; q < questions; ++q) {
            sentence(q + 1 == questions);
        }
        text_ += '\n';
        append_word("Participant:", false);
        const int said = 2 + static_cast<int>(random_() % 9);
        for (int s = 0; s < said; ++s) {
            sentence(false);
        }
        text_ += '\n';
        paragraphs_ += 2;
        if (random_() % 10 < 3) {
            const int more = 2 + static_cast<int>(random_() % 5);
            for (int s = 0; s < more; ++s) {
                sentence(false);
            }
            text_ += '\n';
            ++paragraphs_;
        }
    }

    void sentence(bool question) {
        const int length = 5 + static_cast<int>(random_() % 18);
        const int phrase_at = random_() % 100 < 12 ? static_cast<int>(random_() % length) : -1;
        int i = 0;
        if (question && random_() % 10 < 7) {
            append_phrase(kQuestionOpeners[random_() % std::size(kQuestionOpeners)], true);
            i = 3;
        }
        for (; i < length; ++i) {
            if (i == phrase_at) {
                append_phrase(kPhrases[random_() % std::size(kPhrases)], i == 0);
            } else {
                append_word(vocab_[draw_(random_)], i == 0);
            }
            if (i + 1 < length && random_() % 100 < 6) {
                text_ += ',';
            }
        }
        text_ += question ? '?' : (random_() % 20 == 0 ? '!' : '.');
    }

    void append_phrase(std::string_view phrase, bool capital) {
        std::size_t at = 0;
        while (at < phrase.size()) {
            std::size_t space = phrase.find(' ', at);
            if (space == std::string_view::npos) {
                space = phrase.size();
            }
            append_word(phrase.substr(at, space - at), capital && at == 0);
            at = space + 1;
        }
    }

    void append_word(std::string_view w, bool capital) {
        if (!text_.empty() && text_.back() != '\n') {
            text_ += ' ';
        }
        const std::size_t at = text_.size();
        text_.append(w);
        if (capital && text_[at] >= 'a' && text_[at] <= 'z') {
            text_[at] = static_cast<char>(text_[at] - 'a' + 'A');
        }
        ++words_;
    }

    const std::vector<std::string>& vocab_;
    ZipfDraw& draw_;
    std::mt19937_64& random_;
    std::string text_;
    std::uint64_t words_ = 0;
    std::uint64_t paragraphs_ = 0;
};

// Tail words that occur 3 to 12 times (fewer for a small corpus), spread over the tail.
std::vector<std::string> rare_words(const Vocabulary& v, const std::vector<std::uint32_t>& counts) {
    std::vector<std::string> out;
    for (int pass = 0; pass < 2 && out.size() < 4; ++pass) {
        const std::uint32_t least = pass == 0 ? 3 : 1;
        std::size_t last_taken = v.words.size() + 5000;
        for (std::size_t r = v.words.size(); r-- > 0 && out.size() < 4;) {
            if (v.is_tail[r] && counts[r] >= least && counts[r] <= 12 && last_taken >= r + 4000 &&
                plain_lower_word(v.words[r])) {
                out.push_back(v.words[r]);
                last_taken = r;
            }
        }
    }
    return out;
}

// A run of `length` real words inside one clause of a participant's turn, at least two of
// them outside the thirty commonest, as someone would quote them; "" when there is none.
std::string quotable_run(const std::string& text, std::size_t at, std::size_t length,
                         const Vocabulary& v) {
    std::vector<std::string_view> run;
    std::string phrase;
    while (at != std::string::npos && at < text.size() && phrase.empty()) {
        const std::size_t line_end = std::min(text.find('\n', at + 1), text.size());
        run.clear();
        std::size_t w = at + 1;
        while (w < line_end && phrase.empty()) {
            std::size_t e = text.find_first_of(" \n", w);
            e = std::min(e == std::string::npos ? text.size() : e, line_end);
            const std::string_view word(text.data() + w, e - w);
            if (plain_lower_word(word)) {
                run.push_back(word);
            } else {
                run.clear();
            }
            if (run.size() == length) {
                int distinctive = 0;
                bool real = true;
                for (const std::string_view r : run) {
                    const auto it = v.rank_of.find(std::string(r));
                    real = real && it != v.rank_of.end() && !v.is_tail[it->second];
                    distinctive += it != v.rank_of.end() && it->second >= 30;
                }
                if (real && distinctive >= 2) {
                    for (const std::string_view r : run) {
                        phrase += phrase.empty() ? "" : " ";
                        phrase.append(r);
                    }
                } else {
                    run.erase(run.begin());
                }
            }
            w = e + 1;
        }
        at = text.find("\nParticipant:", line_end);
    }
    return phrase;
}

// Runs of 4, 5 and 6 words, each from another transcript.
std::vector<std::string> long_phrases(const Corpus& corpus, const Vocabulary& v) {
    std::vector<std::string> out;
    const int transcripts = static_cast<int>(corpus.texts.size());
    for (int k = 0; k < 3 && transcripts > 0; ++k) {
        const std::string& text =
            corpus.texts[static_cast<std::size_t>((k * transcripts / 3 + 7) % transcripts)];
        const std::size_t at =
            text.find("\nParticipant:", text.size() / 3 + static_cast<std::size_t>(k) * 997);
        std::string phrase = quotable_run(text, at, 4 + static_cast<std::size_t>(k), v);
        if (!phrase.empty()) {
            out.push_back(std::move(phrase));
        }
    }
    return out;
}

}  // namespace

Corpus generate_corpus(int transcripts, int words_per_transcript) {
    std::mt19937_64 random(20261204);
    const Vocabulary vocabulary = ranked_vocabulary(random);
    ZipfDraw draw(vocabulary.words.size());
    TranscriptWriter writer(vocabulary, draw, random);

    Corpus corpus;
    corpus.names.reserve(static_cast<std::size_t>(transcripts));
    corpus.texts.reserve(static_cast<std::size_t>(transcripts));
    for (int t = 0; t < transcripts; ++t) {
        char name[32];
        std::snprintf(name, sizeof name, "interview-%04d", t + 1);
        std::string text = writer.write(t + 1, words_per_transcript);
        corpus.words += writer.words();
        corpus.paragraphs += writer.paragraphs();
        corpus.bytes += text.size();
        corpus.names.emplace_back(name);
        corpus.texts.push_back(std::move(text));
    }
    const std::vector<std::uint32_t>& counts = draw.counts();
    corpus.distinct_words = static_cast<std::size_t>(
        std::count_if(counts.begin(), counts.end(), [](std::uint32_t n) { return n > 0; }));
    corpus.rare_words = rare_words(vocabulary, counts);
    corpus.long_phrases = long_phrases(corpus, vocabulary);
    return corpus;
}

}  // namespace bench
