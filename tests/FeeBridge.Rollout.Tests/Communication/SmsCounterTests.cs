using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>
/// SMS counting as 3GPP TS 23.038 (GSM 03.38) and TS 23.040 define it, and as DOMAIN.md §8 states it: "Danish æøåÆØÅ
/// are in the GSM-7 alphabet (160 characters, 153 per part); € [ ] { } \ ^ ~ | count twice; one character outside
/// GSM-7 (an emoji, curly quotes, an en dash) turns the whole message into UCS-2 (70, 67 per part)."
/// </summary>
public sealed class SmsCounterTests
{
    /// <summary>
    /// TS 23.038 §6.2.1, the basic table's non-ASCII characters as Unicode code points (the ETSI/Unicode mapping
    /// GSM0338.TXT), typed here independently of the table in the code.
    /// </summary>
    private static readonly int[] BasicNonAscii =
    [
        0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8, 0x00C5, 0x00E5,
        0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
        0x00A4, 0x00A1, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
    ];

    /// <summary>TS 23.038 §6.2.1.1, the extension table: form feed, ^ { } \ [ ~ ] | €.</summary>
    private static readonly int[] Extension = [0x000C, 0x005E, 0x007B, 0x007D, 0x005C, 0x005B, 0x007E, 0x005D, 0x007C, 0x20AC];

    private static string Repeat(char c, int n) => new(c, n);

    [Fact]
    public void PrintableAscii_IsGsm7_OneSeptetEach_ButTheEightExtensionCharactersTakeTwo_AndTheBacktickHasNone()
    {
        for (var c = ' '; c <= '~'; c++)
        {
            var count = SmsCounter.Count(c.ToString());
            if (c == '`') { count.Encoding.ShouldBe(SmsEncoding.Ucs2, "` is in neither table"); continue; }
            count.Encoding.ShouldBe(SmsEncoding.Gsm7, $"'{c}'");
            count.Characters.ShouldBe("[]{}\\^~|".Contains(c) ? 2 : 1, $"'{c}'");
        }
    }

    [Fact]
    public void TheBasicTablesOtherCharacters_AreOneSeptetEach_AndLineBreaksToo()
    {
        var text = string.Concat(BasicNonAscii.Select(p => (char)p)) + "\r\n";
        var count = SmsCounter.Count(text);
        count.Encoding.ShouldBe(SmsEncoding.Gsm7);
        count.Characters.ShouldBe(BasicNonAscii.Length + 2);
        count.OutsideGsm.ShouldBeEmpty();
    }

    [Fact]
    public void DanishLetters_AreGsm7()
    {
        // DOMAIN.md §8: "Danish æøåÆØÅ are in the GSM-7 alphabet".
        var count = SmsCounter.Count("Hej Søren, husk at aflevere Æblet på Åbyhøj Bibliotek");
        count.Encoding.ShouldBe(SmsEncoding.Gsm7);
        count.Characters.ShouldBe("Hej Søren, husk at aflevere Æblet på Åbyhøj Bibliotek".Length);
    }

    [Fact]
    public void EachExtensionCharacter_CountsTwo_AndKeepsTheTextGsm7()
    {
        // DOMAIN.md §8: "€ [ ] { } \ ^ ~ | count twice"; TS 23.038 §6.2.1.1 adds form feed.
        foreach (var p in Extension)
        {
            var count = SmsCounter.Count("Gebyr " + (char)p);
            count.Encoding.ShouldBe(SmsEncoding.Gsm7, $"U+{p:X4}");
            count.Characters.ShouldBe(6 + 2, $"U+{p:X4}");
        }
    }

    [Theory]
    [InlineData("Kom og hør \u201Cbiblioteket\u201D", "\u201C", "\u201D")]
    [InlineData("Åbent 10\u201316", "\u2013")]
    [InlineData("Vi ses\u2026", "\u2026")]
    [InlineData("Betal 100\u00A0kr", "\u00A0")]
    [InlineData("Tak \U0001F600", "\U0001F600")]
    public void OneCharacterOutsideGsm_MakesTheWholeTextUcs2_AndIsNamed(string text, params string[] outside)
    {
        // DOMAIN.md §8: "one character outside GSM-7 (an emoji, curly quotes, an en dash) turns the whole message into UCS-2".
        var count = SmsCounter.Count(text);
        count.Encoding.ShouldBe(SmsEncoding.Ucs2);
        count.Characters.ShouldBe(text.Length, "UCS-2 counts UTF-16 code units, an emoji outside the BMP as two");
        count.OutsideGsm.ShouldBe(outside);
    }

    [Fact]
    public void AnEmoji_IsTwoUcs2Units_AndAnExtensionCharacterBesideItIsOne()
    {
        var count = SmsCounter.Count("\U0001F4DA€");
        count.Encoding.ShouldBe(SmsEncoding.Ucs2);
        count.Characters.ShouldBe(3);
    }

    [Fact]
    public void TheOffendingCharacters_AreListedOnce_InTheOrderTheyFirstAppear()
    {
        SmsCounter.Count("\u2014a\u2013b\u2014c\U0001F600\u2013").OutsideGsm.ShouldBe(["\u2014", "\u2013", "\U0001F600"]);
    }

    [Fact]
    public void AnEmojiSequence_IsListedAsTheOneCharacterAPersonSees()
    {
        var heart = "\u2764\uFE0F"; // ❤️: a symbol and a variation selector, one character on screen
        var count = SmsCounter.Count("Tak " + heart);
        count.OutsideGsm.ShouldBe([heart]);
        count.Characters.ShouldBe(6);
        count.Replacements.ShouldBeEmpty("an emoji has no plain stand-in");
    }

    [Fact]
    public void AnEmptyText_IsNothingToSend()
    {
        var count = SmsCounter.Count("");
        count.ShouldBe(count with { Encoding = SmsEncoding.Gsm7, Characters = 0, Segments = 0 });
    }

    [Theory]
    // GSM-7 (TS 23.040 §9.2.3.24.1: a 6-octet header leaves 153 septets per part).
    [InlineData('a', 160, 1)]
    [InlineData('a', 161, 2)]
    [InlineData('a', 306, 2)]
    [InlineData('a', 307, 3)]
    [InlineData('a', 459, 3)]
    [InlineData('a', 460, 4)]
    // UCS-2: 70 alone, 67 per part. 'ø' is GSM, so a leading en dash makes these UCS-2 (one unit).
    [InlineData('–', 70, 1)]
    [InlineData('–', 71, 2)]
    [InlineData('–', 134, 2)]
    [InlineData('–', 135, 3)]
    public void Segments_At160_153_70_67(char kind, int length, int segments)
    {
        var text = kind == 'a' ? Repeat('a', length) : "–" + Repeat('ø', length - 1);
        var count = SmsCounter.Count(text);
        count.Characters.ShouldBe(length);
        count.Segments.ShouldBe(segments);
        count.PerSegment.ShouldBe(kind == 'a' ? (segments == 1 ? 160 : 153) : (segments == 1 ? 70 : 67));
    }

    [Fact]
    public void AnExtensionCharacterAtTheEndOfOneMessage_Fits_AndOneMoreSeptetMakesTwoParts()
    {
        SmsCounter.Count(Repeat('a', 158) + "€").ShouldSatisfyAllConditions(
            c => c.Characters.ShouldBe(160), c => c.Segments.ShouldBe(1));
        SmsCounter.Count(Repeat('a', 159) + "€").ShouldSatisfyAllConditions(
            c => c.Characters.ShouldBe(161), c => c.Segments.ShouldBe(2));
    }

    [Fact]
    public void AnEscapePairAcrossAPartBoundary_IsNotSplit_SoThePairOpensTheNextPart()
    {
        // Decision (SmsCounter remarks): as Android and Kannel do, ESC and its character go in the same part. 152
        // septets + € would end part 1 with the ESC, so part 1 ends at 152 and € opens part 2.
        var moved = SmsCounter.Count(Repeat('a', 152) + "€" + Repeat('a', 152));
        moved.Characters.ShouldBe(306);
        moved.Segments.ShouldBe(3, "306 septets, but part 1 carries only 152");

        var aligned = SmsCounter.Count(Repeat('a', 153) + "€" + Repeat('a', 151));
        aligned.Characters.ShouldBe(306);
        aligned.Segments.ShouldBe(2, "the pair starts part 2 anyway");
    }

    [Fact]
    public void ASurrogatePairAcrossAPartBoundary_IsNotSplit_EitherWay()
    {
        var moved = SmsCounter.Count(Repeat('a', 66) + "\U0001F600" + Repeat('a', 66));
        moved.Encoding.ShouldBe(SmsEncoding.Ucs2);
        moved.Characters.ShouldBe(134);
        moved.Segments.ShouldBe(3, "part 1 holds 66 units, the emoji opens part 2");

        SmsCounter.Count(Repeat('a', 67) + "\U0001F600" + Repeat('a', 65)).Segments.ShouldBe(2);
    }

    [Fact]
    public void ADecomposedAccent_IsOutsideGsm_AndItsComposedFormIsOffered()
    {
        var decomposed = "e\u0301"; // é as e + combining acute: what some Mac and web editors produce
        var count = SmsCounter.Count("Caf" + decomposed);
        count.Encoding.ShouldBe(SmsEncoding.Ucs2);
        count.OutsideGsm.ShouldBe([decomposed]);
        count.Replacements.ShouldHaveSingleItem().Replacement.ShouldBe("é");
    }
}
