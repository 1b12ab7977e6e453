using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>Issue 16 part 3: "offers plain replacements for the characters that force UCS-2".</summary>
public sealed class PlainReplacementTests
{
    [Theory]
    [InlineData("\u201CHej\u201D", "\"Hej\"")]
    [InlineData("\u2018lån\u2019", "'lån'")]
    [InlineData("\u201EFBS\u201C", "\"FBS\"")]
    [InlineData("\u00ABny\u00BB", "\"ny\"")]
    [InlineData("10\u201316 \u2014 lørdag", "10-16 - lørdag")]
    [InlineData("Vent\u2026", "Vent...")]
    [InlineData("100\u00A0kr og 5\u202Fdage", "100 kr og 5 dage")]
    [InlineData("bib\u00ADliotek\u200B", "bibliotek")]
    [InlineData("\u2022 punkt", "- punkt")]
    public void TypographicCharacters_BecomePlainOnes_AndTheTextBecomesGsm7(string text, string plain)
    {
        SmsCounter.Count(text).Encoding.ShouldBe(SmsEncoding.Ucs2);
        PlainReplacements.Apply(text).ShouldBe(plain);
        SmsCounter.Count(plain).Encoding.ShouldBe(SmsEncoding.Gsm7);
    }

    [Fact]
    public void TheCountOffersAReplacementForEachCharacterThatHasOne_WithADanishDescription()
    {
        var count = SmsCounter.Count("\u201CBetal\u201D \u2013 tak \U0001F600");
        count.OutsideGsm.ShouldBe(["\u201C", "\u201D", "\u2013", "\U0001F600"]);
        count.Replacements.Select(r => (r.Character, r.Replacement)).ShouldBe([("\u201C", "\""), ("\u201D", "\""), ("\u2013", "-")]);
        count.Replacements.ShouldAllBe(r => r.Description.Length > 0);
    }

    [Fact]
    public void AnEmoji_StaysWhenTheRestIsReplaced_SoTheTextIsStillUcs2()
    {
        var applied = PlainReplacements.Apply("\u201CTak\u201D \U0001F600");
        applied.ShouldBe("\"Tak\" \U0001F600");
        SmsCounter.Count(applied).Encoding.ShouldBe(SmsEncoding.Ucs2);
    }

    [Fact]
    public void GsmCharacters_HaveNoReplacement_AndAreLeftAsTheyAre()
    {
        PlainReplacements.For("a").ShouldBeNull();
        PlainReplacements.For("€").ShouldBeNull();
        PlainReplacements.Apply("Æøå {€} ~").ShouldBe("Æøå {€} ~");
    }
}
