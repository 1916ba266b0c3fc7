"""Japanese words in the scripts residents write them in by ear: 주민효, नेन्किन, เนงกิง, дзюминхё.

Residents who read Korean, Nepali, Thai, Khmer, Burmese or Mongolian often search for the Japanese
word of a procedure written in their own script, the way they hear it. `transcribe` turns a
reading in kana into the one to three spellings people of a script most often use, most common
first. The spellings only feed the search index (a page's hidden search keywords); they are never
shown, so they aim at what people type, not at one correct form.

A reading is cut into syllables (a kana, a kana with small ゃゅょ, or a katakana sound such as ティ
or ファ), each looked up in the script's table; the script's rules then deal with long vowels
(ー, おう, えい, ...), っ and ん:

hangul: the National Institute of Korean Language's rules for Japanese: long vowels not written
  (도쿄), っ as ㅅ받침 (갓코), ん as ㄴ받침 (넨킨), か, た, ち, きゃ, ちゃ plain at the start of a
  word (가, 다, 지) and aspirated inside (카, 타, 치). Variants: aspirated throughout (카쿠테이),
  the informal spelling (쥬, 쵸, 츠, ㅇ받침 before k and g: 넹킨), and っ left out (가코).
devanagari: as Nepali media write Japanese names: ा for a (का), ज for じ and ざ, स for す, श for
  し, त्सु for つ, न् for ん before a consonant and न at the end (नेन्किन), っ as a doubled consonant
  (गाक्को), long vowels written once. Variants: long ई/ऊ for long vowels (जूमिन्ह्यो) and ं for ん.
thai: as Thai media write Japanese words (the Royal Institute's rules for Japanese, with the
  established ต of โตเกียว): ค, ช, พ at the start of a word and ก, จ, ป inside, ง for g inside,
  long vowel forms inside a word and for long vowels (ซูชิ, โตเกียว), short forms with ะ at the
  end (ฮังโกะ), えい as เ-, あい as ไ-, ん as ง before k and g and at the end, ม before b, p and m,
  น elsewhere (เนงกิง), っ closing the syllable before (กักโก). Variants: ค for k and ก for g
  throughout with น at the end (เนงคิน), and น for every ん without the final ะ (เนนคิน).
khmer: plain phonetic equivalents as written in the community: a-series consonants with ា for a
  (កា, ណា, ម៉ា) and o-series with ី, ូ, េ for i, u, e (គី, នូ, នេ), a-series with ូ for o (តូក្យូ),
  ន for ん (នេនគីន), っ as a final consonant with ់, long vowels written once, あい as ៃ.
  Variant: っ left out.
myanmar: Burmese spelling of Japanese names: ာ ီ ူ ေ ို for a i u e o (တိုကျို), ん closing the
  syllable (နန်ကင်: န် after a and e, င် after i, ွန် after u, ုန် after o), っ as a stop (နစ်),
  あい as ိုင်, long vowels written once. Variant: long vowels with the heavy tone း.
cyrillic: the Polivanov system (し си, ち ти, つ цу, じ дзи, しゃ ся, ゆ ю, よ ё, ん н, м before
  б, п, м, нъ before a vowel, い after a vowel й, long vowels written once: дзюминхё), then the
  Mongolian everyday spelling where it differs (ш, ч, ж, з; ү for う after ж, ш, ч, ф: жүминхё),
  with long vowels doubled as in Mongolian (жүүминхёо) and written once.

Tables are keyed by hiragana; katakana is read as hiragana first (ー marks a long vowel).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from guidebook.japanese.readings import to_hiragana
from guidebook.japanese.romaji import hepburn

SCRIPTS = ("hangul", "devanagari", "thai", "khmer", "myanmar", "cyrillic")
MAX_SPELLINGS = 3

# Korean: the form inside a word (aspirated); the first syllable of a word is made plain by rule.
HANGUL = {
    "あ": "아", "い": "이", "う": "우", "え": "에", "お": "오",
    "か": "카", "き": "키", "く": "쿠", "け": "케", "こ": "코",
    "さ": "사", "し": "시", "す": "스", "せ": "세", "そ": "소",
    "た": "타", "ち": "치", "つ": "쓰", "て": "테", "と": "토",
    "な": "나", "に": "니", "ぬ": "누", "ね": "네", "の": "노",
    "は": "하", "ひ": "히", "ふ": "후", "へ": "헤", "ほ": "호",
    "ま": "마", "み": "미", "む": "무", "め": "메", "も": "모",
    "や": "야", "ゆ": "유", "よ": "요", "わ": "와",
    "ら": "라", "り": "리", "る": "루", "れ": "레", "ろ": "로",
    "が": "가", "ぎ": "기", "ぐ": "구", "げ": "게", "ご": "고",
    "ざ": "자", "じ": "지", "ず": "즈", "ぜ": "제", "ぞ": "조",
    "だ": "다", "で": "데", "ど": "도",
    "ば": "바", "び": "비", "ぶ": "부", "べ": "베", "ぼ": "보",
    "ぱ": "파", "ぴ": "피", "ぷ": "푸", "ぺ": "페", "ぽ": "포", "ゔ": "부",
    "きゃ": "캬", "きゅ": "큐", "きょ": "쿄", "ぎゃ": "갸", "ぎゅ": "규", "ぎょ": "교",
    "しゃ": "샤", "しゅ": "슈", "しょ": "쇼", "じゃ": "자", "じゅ": "주", "じょ": "조",
    "ちゃ": "차", "ちゅ": "추", "ちょ": "초", "にゃ": "냐", "にゅ": "뉴", "にょ": "뇨",
    "ひゃ": "햐", "ひゅ": "휴", "ひょ": "효", "びゃ": "뱌", "びゅ": "뷰", "びょ": "뵤",
    "ぴゃ": "퍄", "ぴゅ": "퓨", "ぴょ": "표", "みゃ": "먀", "みゅ": "뮤", "みょ": "묘",
    "りゃ": "랴", "りゅ": "류", "りょ": "료",
    "いぇ": "예", "うぃ": "위", "うぇ": "웨", "うぉ": "워", "くぁ": "콰", "ぐぁ": "과",
    "しぇ": "셰", "じぇ": "제", "ちぇ": "체", "つぁ": "차", "つぃ": "치", "つぇ": "체", "つぉ": "초",
    "てぃ": "티", "でぃ": "디", "てゅ": "튜", "でゅ": "듀", "とぅ": "투", "どぅ": "두",
    "ふぁ": "파", "ふぃ": "피", "ふぇ": "페", "ふぉ": "포", "ふゅ": "퓨",
    "ゔぁ": "바", "ゔぃ": "비", "ゔぇ": "베", "ゔぉ": "보",
}  # fmt: skip
# What many Koreans type instead of the official form (쥬스, 쵸코, 츠나미).
HANGUL_INFORMAL = {"じゃ": "쟈", "じゅ": "쥬", "じょ": "죠", "ちゃ": "챠", "ちゅ": "츄", "ちょ": "쵸", "つ": "츠"}

DEVANAGARI = {
    "あ": "अ", "い": "इ", "う": "उ", "え": "ए", "お": "ओ",
    "か": "का", "き": "कि", "く": "कु", "け": "के", "こ": "को",
    "さ": "सा", "し": "शि", "す": "सु", "せ": "से", "そ": "सो",
    "た": "ता", "ち": "चि", "つ": "त्सु", "て": "ते", "と": "तो",
    "な": "ना", "に": "नि", "ぬ": "नु", "ね": "ने", "の": "नो",
    "は": "हा", "ひ": "हि", "ふ": "फु", "へ": "हे", "ほ": "हो",
    "ま": "मा", "み": "मि", "む": "मु", "め": "मे", "も": "मो",
    "や": "या", "ゆ": "यु", "よ": "यो", "わ": "वा",
    "ら": "रा", "り": "रि", "る": "रु", "れ": "रे", "ろ": "रो",
    "が": "गा", "ぎ": "गि", "ぐ": "गु", "げ": "गे", "ご": "गो",
    "ざ": "जा", "じ": "जि", "ず": "जु", "ぜ": "जे", "ぞ": "जो",
    "だ": "दा", "で": "दे", "ど": "दो",
    "ば": "बा", "び": "बि", "ぶ": "बु", "べ": "बे", "ぼ": "बो",
    "ぱ": "पा", "ぴ": "पि", "ぷ": "पु", "ぺ": "पे", "ぽ": "पो", "ゔ": "भु",
    "きゃ": "क्या", "きゅ": "क्यु", "きょ": "क्यो", "ぎゃ": "ग्या", "ぎゅ": "ग्यु", "ぎょ": "ग्यो",
    "しゃ": "शा", "しゅ": "शु", "しょ": "शो", "じゃ": "जा", "じゅ": "जु", "じょ": "जो",
    "ちゃ": "चा", "ちゅ": "चु", "ちょ": "चो", "にゃ": "न्या", "にゅ": "न्यु", "にょ": "न्यो",
    "ひゃ": "ह्या", "ひゅ": "ह्यु", "ひょ": "ह्यो", "びゃ": "ब्या", "びゅ": "ब्यु", "びょ": "ब्यो",
    "ぴゃ": "प्या", "ぴゅ": "प्यु", "ぴょ": "प्यो", "みゃ": "म्या", "みゅ": "म्यु", "みょ": "म्यो",
    "りゃ": "र्या", "りゅ": "र्यु", "りょ": "र्यो",
    "いぇ": "ये", "うぃ": "वि", "うぇ": "वे", "うぉ": "वो", "くぁ": "क्वा", "ぐぁ": "ग्वा",
    "しぇ": "शे", "じぇ": "जे", "ちぇ": "चे", "つぁ": "त्सा", "つぃ": "त्सि", "つぇ": "त्से", "つぉ": "त्सो",
    "てぃ": "ति", "でぃ": "दि", "てゅ": "त्यु", "でゅ": "द्यु", "とぅ": "तु", "どぅ": "दु",
    "ふぁ": "फा", "ふぃ": "फि", "ふぇ": "फे", "ふぉ": "फो", "ふゅ": "फ्यु",
    "ゔぁ": "भा", "ゔぃ": "भि", "ゔぇ": "भे", "ゔぉ": "भो",
}  # fmt: skip
DEVANAGARI_LONG = {"ि": "ी", "ु": "ू", "इ": "ई", "उ": "ऊ"}  # a, e, o are written alike short and long

# Thai: (consonant inside a word, vowel); the vowel's shape depends on the syllable (THAI_VOWELS).
THAI = {
    "あ": ("อ", "a"), "い": ("อ", "i"), "う": ("อ", "u"), "え": ("อ", "e"), "お": ("อ", "o"),
    "か": ("ก", "a"), "き": ("ก", "i"), "く": ("ก", "u"), "け": ("ก", "e"), "こ": ("ก", "o"),
    "さ": ("ซ", "a"), "し": ("ช", "i"), "す": ("ซ", "u"), "せ": ("ซ", "e"), "そ": ("ซ", "o"),
    "た": ("ต", "a"), "ち": ("จ", "i"), "つ": ("ส", "ue"), "て": ("ต", "e"), "と": ("ต", "o"),
    "な": ("น", "a"), "に": ("น", "i"), "ぬ": ("น", "u"), "ね": ("น", "e"), "の": ("น", "o"),
    "は": ("ฮ", "a"), "ひ": ("ฮ", "i"), "ふ": ("ฟ", "u"), "へ": ("ฮ", "e"), "ほ": ("ฮ", "o"),
    "ま": ("ม", "a"), "み": ("ม", "i"), "む": ("ม", "u"), "め": ("ม", "e"), "も": ("ม", "o"),
    "や": ("ย", "a"), "ゆ": ("ย", "u"), "よ": ("ย", "o"), "わ": ("ว", "a"),
    "ら": ("ร", "a"), "り": ("ร", "i"), "る": ("ร", "u"), "れ": ("ร", "e"), "ろ": ("ร", "o"),
    "が": ("ง", "a"), "ぎ": ("ง", "i"), "ぐ": ("ง", "u"), "げ": ("ง", "e"), "ご": ("ง", "o"),
    "ざ": ("ซ", "a"), "じ": ("จ", "i"), "ず": ("ซ", "u"), "ぜ": ("ซ", "e"), "ぞ": ("ซ", "o"),
    "だ": ("ด", "a"), "で": ("ด", "e"), "ど": ("ด", "o"),
    "ば": ("บ", "a"), "び": ("บ", "i"), "ぶ": ("บ", "u"), "べ": ("บ", "e"), "ぼ": ("บ", "o"),
    "ぱ": ("ป", "a"), "ぴ": ("ป", "i"), "ぷ": ("ป", "u"), "ぺ": ("ป", "e"), "ぽ": ("ป", "o"), "ゔ": ("ว", "u"),
    "きゃ": ("ก", "ia"), "きゅ": ("ก", "iu"), "きょ": ("ก", "io"),
    "ぎゃ": ("ง", "ia"), "ぎゅ": ("ง", "iu"), "ぎょ": ("ง", "io"),
    "しゃ": ("ช", "a"), "しゅ": ("ช", "u"), "しょ": ("ช", "o"),
    "じゃ": ("จ", "a"), "じゅ": ("จ", "u"), "じょ": ("จ", "o"),
    "ちゃ": ("จ", "a"), "ちゅ": ("จ", "u"), "ちょ": ("จ", "o"),
    "にゃ": ("น", "ia"), "にゅ": ("น", "iu"), "にょ": ("น", "io"),
    "ひゃ": ("ฮ", "ia"), "ひゅ": ("ฮ", "iu"), "ひょ": ("ฮ", "io"),
    "びゃ": ("บ", "ia"), "びゅ": ("บ", "iu"), "びょ": ("บ", "io"),
    "ぴゃ": ("ป", "ia"), "ぴゅ": ("ป", "iu"), "ぴょ": ("ป", "io"),
    "みゃ": ("ม", "ia"), "みゅ": ("ม", "iu"), "みょ": ("ม", "io"),
    "りゃ": ("ร", "ia"), "りゅ": ("ร", "iu"), "りょ": ("ร", "io"),
    "いぇ": ("ย", "e"), "うぃ": ("ว", "i"), "うぇ": ("ว", "e"), "うぉ": ("ว", "o"),
    "くぁ": ("กว", "a"), "ぐぁ": ("กว", "a"), "しぇ": ("ช", "e"), "じぇ": ("จ", "e"), "ちぇ": ("จ", "e"),
    "つぁ": ("ส", "a"), "つぃ": ("ส", "i"), "つぇ": ("ส", "e"), "つぉ": ("ส", "o"),
    "てぃ": ("ต", "i"), "でぃ": ("ด", "i"), "てゅ": ("ต", "iu"), "でゅ": ("ด", "iu"),
    "とぅ": ("ต", "u"), "どぅ": ("ด", "u"),
    "ふぁ": ("ฟ", "a"), "ふぃ": ("ฟ", "i"), "ふぇ": ("ฟ", "e"), "ふぉ": ("ฟ", "o"), "ふゅ": ("ฟ", "iu"),
    "ゔぁ": ("ว", "a"), "ゔぃ": ("ว", "i"), "ゔぇ": ("ว", "e"), "ゔぉ": ("ว", "o"),
}  # fmt: skip
# Vowel shapes around the consonant C: (inside a word or long, short at the end, closed by the final F).
THAI_VOWELS = {
    "a": ("Cา", "Cะ", "CัF"),
    "i": ("Cิ", "Cิ", "CิF"),
    "u": ("Cู", "Cุ", "CุF"),
    "ue": ("Cึ", "Cึ", "CึF"),
    "e": ("เC", "เCะ", "เCF"),
    "o": ("โC", "โCะ", "CF"),
    "ia": ("เCีย", "เCียะ", "เCียF"),
    "iu": ("Cิว", "Cิว", "Cิว"),
    "io": ("เCียว", "เCียว", "เCียว"),
}
THAI_LONG_I = "Cี"  # a long i is the one vowel whose long shape differs from its shape inside a word
THAI_AI = "ไC"  # あい in one syllable: ไซ, ไก
THAI_STOPS = {"k": "ก", "g": "ก", "p": "ป", "b": "ป"}  # っ closing a syllable before k, p; ต before the rest
THAI_ASPIRATED = {"ก": "ค", "จ": "ช", "ป": "พ"}  # k, ch, p at the start of a word
THAI_G = {"ง": "ก"}  # g at the start of a word (inside a word it is ง)

KHMER = {
    "あ": "អា", "い": "អ៊ី", "う": "អ៊ូ", "え": "អេ", "お": "អូ",
    "か": "កា", "き": "គី", "く": "គូ", "け": "កេ", "こ": "កូ",
    "さ": "សា", "し": "ស៊ី", "す": "ស៊ូ", "せ": "សេ", "そ": "សូ",
    "た": "តា", "ち": "ឈី", "つ": "ត្ស៊ូ", "て": "តេ", "と": "តូ",
    "な": "ណា", "に": "នី", "ぬ": "នូ", "ね": "នេ", "の": "ណូ",
    "は": "ហា", "ひ": "ហ៊ី", "ふ": "ហ្វ៊ូ", "へ": "ហេ", "ほ": "ហូ",
    "ま": "ម៉ា", "み": "មី", "む": "មូ", "め": "មេ", "も": "ម៉ូ",
    "や": "យ៉ា", "ゆ": "យូ", "よ": "យ៉ូ", "わ": "វ៉ា",
    "ら": "រ៉ា", "り": "រី", "る": "រូ", "れ": "រេ", "ろ": "រ៉ូ",
    "が": "ហ្គា", "ぎ": "ហ្គ៊ី", "ぐ": "ហ្គ៊ូ", "げ": "ហ្គេ", "ご": "ហ្គូ",
    "ざ": "ហ្សា", "じ": "ជី", "ず": "ហ្ស៊ូ", "ぜ": "ហ្សេ", "ぞ": "ហ្សូ",
    "だ": "ដា", "で": "ដេ", "ど": "ដូ",
    "ば": "បា", "び": "ប៊ី", "ぶ": "ប៊ូ", "べ": "បេ", "ぼ": "បូ",
    "ぱ": "ប៉ា", "ぴ": "ពី", "ぷ": "ពូ", "ぺ": "ប៉េ", "ぽ": "ប៉ូ", "ゔ": "វូ",
    "きゃ": "ក្យា", "きゅ": "គ្យូ", "きょ": "ក្យូ", "ぎゃ": "ហ្គ្យា", "ぎゅ": "ហ្គ្យ៊ូ", "ぎょ": "ហ្គ្យូ",
    "しゃ": "ស្យា", "しゅ": "ស្យ៊ូ", "しょ": "ស្យូ", "じゃ": "ចា", "じゅ": "ជូ", "じょ": "ចូ",
    "ちゃ": "ឆា", "ちゅ": "ឈូ", "ちょ": "ឆូ", "にゃ": "ញ៉ា", "にゅ": "ញូ", "にょ": "ញ៉ូ",
    "ひゃ": "ហ្យា", "ひゅ": "ហ្យ៊ូ", "ひょ": "ហ្យូ", "びゃ": "ប្យា", "びゅ": "ប្យ៊ូ", "びょ": "ប្យូ",
    "ぴゃ": "ព្យ៉ា", "ぴゅ": "ព្យូ", "ぴょ": "ព្យ៉ូ", "みゃ": "ម្យ៉ា", "みゅ": "ម្យូ", "みょ": "ម្យ៉ូ",
    "りゃ": "រ្យ៉ា", "りゅ": "រ្យូ", "りょ": "រ្យ៉ូ",
    "いぇ": "យេ", "うぃ": "វី", "うぇ": "វេ", "うぉ": "វ៉ូ", "くぁ": "ក្វា", "ぐぁ": "ហ្គ្វា",
    "しぇ": "ស្យេ", "じぇ": "ជេ", "ちぇ": "ឆេ", "つぁ": "ត្សា", "つぃ": "ត្ស៊ី", "つぇ": "ត្សេ", "つぉ": "ត្សូ",
    "てぃ": "ទី", "でぃ": "ឌី", "てゅ": "ទ្យូ", "でゅ": "ឌ្យូ", "とぅ": "ទូ", "どぅ": "ឌូ",
    "ふぁ": "ហ្វា", "ふぃ": "ហ្វ៊ី", "ふぇ": "ហ្វេ", "ふぉ": "ហ្វូ", "ふゅ": "ហ្វ្យ៊ូ",
    "ゔぁ": "វ៉ា", "ゔぃ": "វី", "ゔぇ": "វេ", "ゔぉ": "វ៉ូ",
}  # fmt: skip
KHMER_AI = {"ា": "ៃ"}  # あい in one syllable: កា + い → កៃ
KHMER_STOPS = {"k": "ក់", "g": "ក់", "p": "ប់", "b": "ប់", "s": "ស់", "j": "ស់", "z": "ស់"}  # っ; ត់ otherwise

# Burmese: (consonant, vowel); the vowel's shape depends on the syllable (MYANMAR_VOWELS).
MYANMAR = {
    "あ": ("အ", "a"), "い": ("အ", "i"), "う": ("အ", "u"), "え": ("အ", "e"), "お": ("အ", "o"),
    "か": ("က", "a"), "き": ("က", "i"), "く": ("က", "u"), "け": ("က", "e"), "こ": ("က", "o"),
    "さ": ("ဆ", "a"), "し": ("ရှ", "i"), "す": ("ဆ", "u"), "せ": ("ဆ", "e"), "そ": ("ဆ", "o"),
    "た": ("တ", "a"), "ち": ("ချ", "i"), "つ": ("ဆ", "u"), "て": ("တ", "e"), "と": ("တ", "o"),
    "な": ("န", "a"), "に": ("န", "i"), "ぬ": ("န", "u"), "ね": ("န", "e"), "の": ("န", "o"),
    "は": ("ဟ", "a"), "ひ": ("ဟ", "i"), "ふ": ("ဖ", "u"), "へ": ("ဟ", "e"), "ほ": ("ဟ", "o"),
    "ま": ("မ", "a"), "み": ("မ", "i"), "む": ("မ", "u"), "め": ("မ", "e"), "も": ("မ", "o"),
    "や": ("ယ", "a"), "ゆ": ("ယ", "u"), "よ": ("ယ", "o"), "わ": ("ဝ", "a"),
    "ら": ("ရ", "a"), "り": ("ရ", "i"), "る": ("ရ", "u"), "れ": ("ရ", "e"), "ろ": ("ရ", "o"),
    "が": ("ဂ", "a"), "ぎ": ("ဂ", "i"), "ぐ": ("ဂ", "u"), "げ": ("ဂ", "e"), "ご": ("ဂ", "o"),
    "ざ": ("ဇ", "a"), "じ": ("ဂျ", "i"), "ず": ("ဇ", "u"), "ぜ": ("ဇ", "e"), "ぞ": ("ဇ", "o"),
    "だ": ("ဒ", "a"), "で": ("ဒ", "e"), "ど": ("ဒ", "o"),
    "ば": ("ဘ", "a"), "び": ("ဘ", "i"), "ぶ": ("ဘ", "u"), "べ": ("ဘ", "e"), "ぼ": ("ဘ", "o"),
    "ぱ": ("ပ", "a"), "ぴ": ("ပ", "i"), "ぷ": ("ပ", "u"), "ぺ": ("ပ", "e"), "ぽ": ("ပ", "o"), "ゔ": ("ဗ", "u"),
    "きゃ": ("ကျ", "a"), "きゅ": ("ကျ", "u"), "きょ": ("ကျ", "o"),
    "ぎゃ": ("ဂျ", "a"), "ぎゅ": ("ဂျ", "u"), "ぎょ": ("ဂျ", "o"),
    "しゃ": ("ရှ", "a"), "しゅ": ("ရှ", "u"), "しょ": ("ရှ", "o"),
    "じゃ": ("ဂျ", "a"), "じゅ": ("ဂျ", "u"), "じょ": ("ဂျ", "o"),
    "ちゃ": ("ချ", "a"), "ちゅ": ("ချ", "u"), "ちょ": ("ချ", "o"),
    "にゃ": ("ည", "a"), "にゅ": ("ည", "u"), "にょ": ("ည", "o"),
    "ひゃ": ("ဟျ", "a"), "ひゅ": ("ဟျ", "u"), "ひょ": ("ဟျ", "o"),
    "びゃ": ("ဗျ", "a"), "びゅ": ("ဗျ", "u"), "びょ": ("ဗျ", "o"),
    "ぴゃ": ("ပျ", "a"), "ぴゅ": ("ပျ", "u"), "ぴょ": ("ပျ", "o"),
    "みゃ": ("မျ", "a"), "みゅ": ("မျ", "u"), "みょ": ("မျ", "o"),
    "りゃ": ("ရျ", "a"), "りゅ": ("ရျ", "u"), "りょ": ("ရျ", "o"),
    "いぇ": ("ယ", "e"), "うぃ": ("ဝ", "i"), "うぇ": ("ဝ", "e"), "うぉ": ("ဝ", "o"),
    "くぁ": ("ကွ", "a"), "ぐぁ": ("ဂွ", "a"), "しぇ": ("ရှ", "e"), "じぇ": ("ဂျ", "e"), "ちぇ": ("ချ", "e"),
    "つぁ": ("ဆ", "a"), "つぃ": ("ဆ", "i"), "つぇ": ("ဆ", "e"), "つぉ": ("ဆ", "o"),
    "てぃ": ("တ", "i"), "でぃ": ("ဒ", "i"), "てゅ": ("တျ", "u"), "でゅ": ("ဒျ", "u"),
    "とぅ": ("တ", "u"), "どぅ": ("ဒ", "u"),
    "ふぁ": ("ဖ", "a"), "ふぃ": ("ဖ", "i"), "ふぇ": ("ဖ", "e"), "ふぉ": ("ဖ", "o"), "ふゅ": ("ဖျ", "u"),
    "ゔぁ": ("ဗ", "a"), "ゔぃ": ("ဗ", "i"), "ゔぇ": ("ဗ", "e"), "ゔぉ": ("ဗ", "o"),
}  # fmt: skip
# Vowel signs after the consonant: (open, closed by ん, closed by っ, long).
MYANMAR_VOWELS = {
    "a": ("ာ", "န်", "တ်", "ား"),
    "i": ("ီ", "င်", "စ်", "ီး"),
    "u": ("ူ", "ွန်", "ွတ်", "ူး"),
    "e": ("ေ", "န်", "က်", "ေး"),
    "o": ("ို", "ုန်", "ုတ်", "ိုး"),
}
MYANMAR_AI = "ိုင်"  # あい in one syllable: ဇိုင်
MYANMAR_TALL_AA = {"ခ", "ဂ", "င", "ဒ", "ပ", "ဝ"}  # consonants written with ါ instead of ာ

# Cyrillic: the Polivanov system.
POLIVANOV = {
    "あ": "а", "い": "и", "う": "у", "え": "э", "お": "о",
    "か": "ка", "き": "ки", "く": "ку", "け": "кэ", "こ": "ко",
    "さ": "са", "し": "си", "す": "су", "せ": "сэ", "そ": "со",
    "た": "та", "ち": "ти", "つ": "цу", "て": "тэ", "と": "то",
    "な": "на", "に": "ни", "ぬ": "ну", "ね": "нэ", "の": "но",
    "は": "ха", "ひ": "хи", "ふ": "фу", "へ": "хэ", "ほ": "хо",
    "ま": "ма", "み": "ми", "む": "му", "め": "мэ", "も": "мо",
    "や": "я", "ゆ": "ю", "よ": "ё", "わ": "ва",
    "ら": "ра", "り": "ри", "る": "ру", "れ": "рэ", "ろ": "ро",
    "が": "га", "ぎ": "ги", "ぐ": "гу", "げ": "гэ", "ご": "го",
    "ざ": "дза", "じ": "дзи", "ず": "дзу", "ぜ": "дзэ", "ぞ": "дзо",
    "だ": "да", "で": "дэ", "ど": "до",
    "ば": "ба", "び": "би", "ぶ": "бу", "べ": "бэ", "ぼ": "бо",
    "ぱ": "па", "ぴ": "пи", "ぷ": "пу", "ぺ": "пэ", "ぽ": "по", "ゔ": "ву",
    "きゃ": "кя", "きゅ": "кю", "きょ": "кё", "ぎゃ": "гя", "ぎゅ": "гю", "ぎょ": "гё",
    "しゃ": "ся", "しゅ": "сю", "しょ": "сё", "じゃ": "дзя", "じゅ": "дзю", "じょ": "дзё",
    "ちゃ": "тя", "ちゅ": "тю", "ちょ": "тё", "にゃ": "ня", "にゅ": "ню", "にょ": "нё",
    "ひゃ": "хя", "ひゅ": "хю", "ひょ": "хё", "びゃ": "бя", "びゅ": "бю", "びょ": "бё",
    "ぴゃ": "пя", "ぴゅ": "пю", "ぴょ": "пё", "みゃ": "мя", "みゅ": "мю", "みょ": "мё",
    "りゃ": "ря", "りゅ": "рю", "りょ": "рё",
    "いぇ": "е", "うぃ": "уи", "うぇ": "уэ", "うぉ": "уо", "くぁ": "ква", "ぐぁ": "гва",
    "しぇ": "ше", "じぇ": "дже", "ちぇ": "че", "つぁ": "ца", "つぃ": "ци", "つぇ": "цэ", "つぉ": "цо",
    "てぃ": "ти", "でぃ": "ди", "てゅ": "тю", "でゅ": "дю", "とぅ": "ту", "どぅ": "ду",
    "ふぁ": "фа", "ふぃ": "фи", "ふぇ": "фэ", "ふぉ": "фо", "ふゅ": "фю",
    "ゔぁ": "ва", "ゔぃ": "ви", "ゔぇ": "вэ", "ゔぉ": "во",
}  # fmt: skip
# The Mongolian everyday spelling, where it differs from Polivanov.
MONGOLIAN = {
    "し": "ши", "ち": "чи", "ふ": "фү",
    "ざ": "за", "じ": "жи", "ず": "зу", "ぜ": "зэ", "ぞ": "зо",
    "しゃ": "ша", "しゅ": "шү", "しょ": "шо", "じゃ": "жа", "じゅ": "жү", "じょ": "жо",
    "ちゃ": "ча", "ちゅ": "чү", "ちょ": "чо", "しぇ": "шэ", "じぇ": "жэ", "ちぇ": "чэ",
}  # fmt: skip
# A long vowel as Mongolian writes it: the last letter of the syllable doubled.
MONGOLIAN_LONG = {
    "а": "аа", "и": "ий", "у": "уу", "ү": "үү", "э": "ээ", "е": "ээ", "о": "оо", "ю": "юү", "ё": "ёо", "я": "яа",
}  # fmt: skip
CYRILLIC_VOWELS = "аиуүэеоюёя"

# Which kana lengthen the vowel before them (besides ー); えい counts where the script drops the い.
LONG_AFTER = {"a": ("あ",), "i": ("い",), "u": ("う",), "e": ("え",), "o": ("お", "う")}
# Kana written in another way before a reading is cut: old kana, small kana on their own, ヷ-ヺ.
SAME_AS = {
    "ぢ": "じ", "づ": "ず", "を": "お", "ゐ": "い", "ゑ": "え", "ゎ": "わ", "ゕ": "か", "ゖ": "け",
    "ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "ゃ": "や", "ゅ": "ゆ", "ょ": "よ",
    "ヷ": "ゔぁ", "ヸ": "ゔぃ", "ヹ": "ゔぇ", "ヺ": "ゔぉ",
}  # fmt: skip
SEPARATORS = " \t\n\u3000・･"


@dataclass(frozen=True)
class Syllable:
    """One syllable of a word: a table key (or ん, っ, or a character no table knows) and its length."""

    kana: str
    long: bool = False


Table = dict[str, str] | dict[str, tuple[str, str]]


def _normalize(kana: str) -> str:
    """Return a reading in hiragana: katakana read as hiragana, iteration marks spelt out, ヷ-ヺ as ゔ."""
    out = ""
    for ch in to_hiragana(unicodedata.normalize("NFKC", kana)):
        if ch in "ゝヽゞヾ" and out and out[-1] not in SEPARATORS:
            voiced = unicodedata.normalize("NFC", out[-1] + "\u3099")
            ch = voiced if ch in "ゞヾ" and len(voiced) == 1 else out[-1]
        elif ch in "ゝヽゞヾ\u3099\u309a":
            continue  # nothing to repeat, or a sound mark on a kana that takes none
        out += ch
    return "".join(ch if ch in "ゃゅょぁぃぅぇぉ" else SAME_AS.get(ch, ch) for ch in out)


@lru_cache(maxsize=1024)
def _vowel(kana: str) -> str:
    """Return the vowel a syllable ends in (a, i, u, e, o), or "" for ん, っ and anything else."""
    roman = hepburn(kana, "plain")
    return roman[-1] if roman and roman[-1] in "aiueo" else ""


@lru_cache(maxsize=1024)
def _consonant(kana: str | None) -> str:
    """Return the consonant a syllable starts with in Hepburn: か k, きゃ ky, し sh; "" for あ or None."""
    return hepburn(kana, "plain").rstrip("aiueo") if kana else ""


def _starts(sound: str, letters: str) -> bool:
    """Return True if a consonant (from _consonant) starts with one of letters: _starts("ky", "kg")."""
    return sound != "" and sound[0] in letters


def _syllables(word: str, table: Table, ei_long: bool) -> list[Syllable]:
    """Cut a word in hiragana into the syllables of a table, long vowels marked on the syllable before."""
    out: list[Syllable] = []
    i = 0
    while i < len(word):
        key = word[i : i + 2] if word[i : i + 2] in table else word[i]
        i += len(key)
        key = SAME_AS.get(key, key)  # a small kana that is not part of a syllable
        vowel = _vowel(out[-1].kana) if out and out[-1].kana in table and not out[-1].long else ""
        if vowel and (key == "ー" or key in LONG_AFTER[vowel] or (ei_long and vowel == "e" and key == "い")):
            out[-1] = Syllable(out[-1].kana, long=True)
        elif key != "ー":
            out.append(Syllable(key))
    return out


def _kana(syllables: list[Syllable], i: int) -> str:
    """Return the kana of syllable i, or "" past the end."""
    return syllables[i].kana if 0 <= i < len(syllables) else ""


def _next(syllables: list[Syllable], i: int, table: Table) -> str | None:
    """Return the syllable after position i if it is one of the table's, else None."""
    nxt = _kana(syllables, i + 1)
    return nxt if nxt in table else None


def _closes(syllables: list[Syllable], i: int) -> bool:
    """Return True if ん or っ follows syllable i."""
    return _kana(syllables, i + 1) in ("ん", "っ")


def _joins_ai(syllables: list[Syllable], i: int) -> bool:
    """Return True if syllable i and the い after it make one syllable ai (かい, ざい) in the script."""
    syl = syllables[i]
    if _vowel(syl.kana) != "a" or syl.long or _kana(syllables, i + 1) != "い":
        return False
    return not syllables[i + 1].long and not _closes(syllables, i + 1)


# --- Korean ---------------------------------------------------------------------------------------

HANGUL_FINAL = {"ㄴ": 4, "ㅅ": 19, "ㅇ": 21}  # offsets of 받침 in a Hangul syllable
HANGUL_PLAIN = {15: 0, 16: 3, 14: 12}  # initial ㅋ → ㄱ, ㅌ → ㄷ, ㅊ → ㅈ (indexes of initial consonants)


def _add_final(text: str, final: str) -> str | None:
    """Return text with a 받침 added to its last syllable, or None if it has one or is no Hangul."""
    code = ord(text[-1]) - 0xAC00 if text else -1
    if not 0 <= code < 11172 or code % 28:
        return None
    return text[:-1] + chr(ord(text[-1]) + HANGUL_FINAL[final])


def _plain(syllable: str) -> str:
    """Return a Hangul syllable with an aspirated initial (카, 타, 치) made plain (가, 다, 지)."""
    code = ord(syllable[0]) - 0xAC00
    initial = code // 588 if 0 <= code < 11172 else -1
    if initial not in HANGUL_PLAIN:
        return syllable
    return chr(ord(syllable[0]) - (initial - HANGUL_PLAIN[initial]) * 588) + syllable[1:]


def _hangul(syllables: list[Syllable], style: str) -> str:
    out = ""
    for i, syl in enumerate(syllables):
        if syl.kana == "ん":
            velar = style == "informal" and _starts(_consonant(_next(syllables, i, HANGUL)), "kg")
            out = _add_final(out, "ㅇ" if velar else "ㄴ") or out + "응"
        elif syl.kana == "っ":
            if style != "no_sokuon":
                out = _add_final(out, "ㅅ") or out
        elif syl.kana in HANGUL:
            text = HANGUL_INFORMAL.get(syl.kana, HANGUL[syl.kana]) if style == "informal" else HANGUL[syl.kana]
            native = syl.kana[-1] not in "ぁぃぅぇぉ"  # ティ, ファ: sounds of loanwords keep their letter
            out += _plain(text) if i == 0 and native and style in ("nikl", "no_sokuon") else text
        else:
            out += syl.kana
    return out


# --- Nepali (Devanagari) --------------------------------------------------------------------------


def _is_devanagari_consonant(text: str) -> bool:
    return text != "" and "\u0915" <= text[0] <= "\u0939"


def _devanagari(syllables: list[Syllable], style: str) -> str:
    out = ""
    for i, syl in enumerate(syllables):
        nxt = _next(syllables, i, DEVANAGARI)
        following = DEVANAGARI[nxt] if nxt else ""
        if syl.kana == "ん":
            if _is_devanagari_consonant(following) and _consonant(nxt) != "y":
                out += "ं" if style == "anusvara" and out else "न्"
            else:
                out += "न"  # at the end, or before a vowel or y
        elif syl.kana == "っ":
            out += following[0] + "्" if _is_devanagari_consonant(following) else ""
        elif syl.kana in DEVANAGARI:
            text = DEVANAGARI[syl.kana]
            if syl.long and style == "long" and text[-1] in DEVANAGARI_LONG:
                text = text[:-1] + DEVANAGARI_LONG[text[-1]]
            out += text
        else:
            out += syl.kana
    return out


# --- Thai -----------------------------------------------------------------------------------------


def _thai_final(syllables: list[Syllable], i: int, style: str) -> str:
    """Return the final consonant that closes syllable i (from ん or っ after it), or ""."""
    after = _next(syllables, i + 1, THAI)
    sound = _consonant(after)
    if _kana(syllables, i + 1) == "ん":
        if style == "plain" or (style == "by_ear" and not _starts(sound, "kg")):
            return "น"
        if after is None or _starts(sound, "kg"):
            return "ง"
        return "ม" if _starts(sound, "bpm") else "น"
    if _kana(syllables, i + 1) == "っ" and sound:
        return THAI_STOPS.get(sound[0], "ต")
    return ""


def _thai_onset(kana: str, first: bool, style: str) -> str:
    """Return the consonant of a syllable: ค, ช, พ at the start of a word (and ค, ก for k, g by ear)."""
    onset = THAI[kana][0]
    sound = _consonant(kana)
    if _starts(sound, "kg") and (first or style != "media"):
        return (THAI_ASPIRATED if sound[0] == "k" else THAI_G).get(onset[0], onset[0]) + onset[1:]
    if first and (_starts(sound, "p") or sound.startswith("ch")):
        return THAI_ASPIRATED.get(onset[0], onset[0]) + onset[1:]
    return onset


def _thai(syllables: list[Syllable], style: str) -> str:
    out = ""
    merged = -1  # an い written with the syllable before it (ไ-)
    for i, syl in enumerate(syllables):
        if syl.kana not in THAI:
            if syl.kana == "ん" and _kana(syllables, i - 1) not in THAI:
                out += "น"
            elif syl.kana not in ("ん", "っ"):
                out += syl.kana
            continue
        if i == merged:
            continue
        onset = _thai_onset(syl.kana, i == 0, style)
        vowel = THAI[syl.kana][1]
        final = _thai_final(syllables, i, style)
        medial, short_end, closed = THAI_VOWELS[vowel]
        nxt = _kana(syllables, i + 1)
        if _joins_ai(syllables, i):
            shape, merged = THAI_AI, i + 1
        elif syl.long:
            shape = (THAI_LONG_I if vowel == "i" else medial) + final
        elif final:
            shape = closed.replace("F", final)
        elif nxt == "" and style != "plain":
            shape = short_end
        else:
            shape = medial
        out += shape.replace("C", onset)
    return out


# --- Khmer ----------------------------------------------------------------------------------------


def _khmer(syllables: list[Syllable], style: str) -> str:
    out = ""
    merged = -1  # an い written with the syllable before it (-ៃ)
    for i, syl in enumerate(syllables):
        sound = _consonant(_next(syllables, i, KHMER))
        if syl.kana == "ん":
            out += "ន"
        elif syl.kana == "っ":
            if style != "no_sokuon" and sound and out:
                out += KHMER_STOPS.get(sound[0], "ត់")
        elif syl.kana in KHMER and i != merged:
            text = KHMER[syl.kana]
            if _joins_ai(syllables, i) and text[-1] in KHMER_AI:
                text, merged = text[:-1] + KHMER_AI[text[-1]], i + 1
            out += text
        elif syl.kana not in KHMER:
            out += syl.kana
    return out


# --- Burmese --------------------------------------------------------------------------------------


def _myanmar(syllables: list[Syllable], style: str) -> str:
    out = ""
    merged = -1  # an い written with the syllable before it (-ိုင်)
    for i, syl in enumerate(syllables):
        if syl.kana not in MYANMAR:
            if syl.kana == "ん" and _kana(syllables, i - 1) not in MYANMAR:
                out += "အန်"
            elif syl.kana not in ("ん", "っ"):
                out += syl.kana
            continue
        if i == merged:
            continue
        onset, vowel = MYANMAR[syl.kana]
        open_, nasal, stop, long = MYANMAR_VOWELS[vowel]
        nxt = _kana(syllables, i + 1)
        if nxt == "ん":
            sign = nasal
        elif nxt == "っ" and _consonant(_next(syllables, i + 1, MYANMAR)):
            sign = stop
        elif _joins_ai(syllables, i):
            sign, merged = MYANMAR_AI, i + 1
        else:
            sign = long if syl.long and style == "long" else open_
        if onset in MYANMAR_TALL_AA and sign.startswith("ာ"):
            sign = "ါ" + sign[1:]
        if onset.endswith("ှ") and sign.startswith("ွ"):
            onset, sign = onset[:-1] + "ွှ", sign[1:]  # Unicode order: medial wa before medial ha
        out += onset + sign
    return out


# --- Cyrillic (Polivanov; Mongolian) --------------------------------------------------------------


def _cyrillic(syllables: list[Syllable], style: str) -> str:
    table = POLIVANOV if style == "polivanov" else {**POLIVANOV, **MONGOLIAN}
    out = ""
    for i, syl in enumerate(syllables):
        nxt = _next(syllables, i, table)
        following = table[nxt] if nxt else ""
        if syl.kana == "ん":
            if style == "polivanov" and _starts(_consonant(nxt), "bpm"):
                out += "м"
            elif style == "polivanov" and nxt is not None and _consonant(nxt) in ("", "y"):
                out += "нъ"
            else:
                out += "н"
        elif syl.kana == "っ":
            out += following[0] if following and following[0] not in CYRILLIC_VOWELS else ""
        elif syl.kana == "い" and not syl.long and out[-1:] != "" and out[-1] in CYRILLIC_VOWELS:
            out += "й"
        elif syl.kana in table:
            text = table[syl.kana]
            if syl.long and style == "mongolian" and text[-1] in MONGOLIAN_LONG:
                text = text[:-1] + MONGOLIAN_LONG[text[-1]]
            out += text
        else:
            out += syl.kana
    return out


Writer = Callable[[list[Syllable], str], str]
# Per script: its table, whether えい is a long e, the function that writes it, and its spellings in order.
WRITERS: dict[str, tuple[Table, bool, Writer, tuple[str, ...]]] = {
    "hangul": (HANGUL, False, _hangul, ("nikl", "aspirated", "informal", "no_sokuon")),
    "devanagari": (DEVANAGARI, False, _devanagari, ("short", "long", "anusvara")),
    "thai": (THAI, True, _thai, ("media", "by_ear", "plain")),
    "khmer": (KHMER, True, _khmer, ("standard", "no_sokuon")),
    "myanmar": (MYANMAR, True, _myanmar, ("short", "long")),
    "cyrillic": (POLIVANOV, False, _cyrillic, ("polivanov", "mongolian", "mongolian_short")),
}


def transcribe(kana: str, script: str) -> list[str]:
    """Return the common spellings (one to three, most common first) of a reading in one of SCRIPTS.

    A reading with nothing to write (only ー, っ or a sound mark) is returned as it is; a blank one gives [].
    """
    if script not in WRITERS:
        raise ValueError(f"unknown script {script!r}; expected one of {', '.join(SCRIPTS)}")
    if not kana.strip():
        return []
    table, ei_long, write, styles = WRITERS[script]
    text = _normalize(kana)
    words = [w for w in "".join(" " if ch in SEPARATORS else ch for ch in text).split(" ") if w]
    cut = [_syllables(word, table, ei_long) for word in words]
    spellings = [" ".join(filter(None, (write(syllables, style) for syllables in cut))) for style in styles]
    return [s for s in dict.fromkeys(spellings) if s][:MAX_SPELLINGS] or [kana.strip()]
