using FeeBridge.Rollout.Communication.Sms;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FeeBridge.Rollout.Tests.Communication;

/// <summary>The counting rules hold for any text, not only the examples.</summary>
public sealed class SmsCounterProperties
{
    // Letters, Danish letters, extension characters (two septets), and characters outside GSM (one and two UCS-2 units).
    private const string Gsm = "abcæøåÆØÅ 0.,\n@$";
    private const string ExtensionChars = "€[]{}\\^~|";
    private static readonly string[] NotGsm = ["\u201C", "\u2013", "\u00A0", "\u2026", "`", "\U0001F600", "\U0001F4DA"];

    private static Gen<string> Texts(bool withNonGsm) =>
        Gen.Frequency(
                (8, Gen.Elements(Gsm.Select(c => c.ToString()).ToArray())),
                (2, Gen.Elements(ExtensionChars.Select(c => c.ToString()).ToArray())),
                (withNonGsm ? 1 : 0, Gen.Elements(NotGsm)))
            .ListOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 300)]
    public Property AGsmText_IsGsm7_CountingExtensionCharactersTwice() =>
        Prop.ForAll(Texts(withNonGsm: false).ToArbitrary(), text =>
        {
            var count = SmsCounter.Count(text);
            return count.Encoding == SmsEncoding.Gsm7 && count.OutsideGsm.Count == 0
                && count.Characters == text.Length + text.Count(ExtensionChars.Contains);
        });

    [Property(MaxTest = 300)]
    public Property ATextIsUcs2_ExactlyWhenSomethingIsOutsideGsm_AndThenCountsCodeUnits() =>
        Prop.ForAll(Texts(withNonGsm: true).ToArbitrary(), text =>
        {
            var count = SmsCounter.Count(text);
            var outside = NotGsm.Any(n => text.Contains(n, StringComparison.Ordinal));
            return outside
                ? count.Encoding == SmsEncoding.Ucs2 && count.Characters == text.Length && count.OutsideGsm.Count > 0
                : count.Encoding == SmsEncoding.Gsm7;
        });

    [Property(MaxTest = 300)]
    public Property Parts_HoldEverything_AndEachButTheLastIsFullButForOnePair() =>
        Prop.ForAll(Texts(withNonGsm: true).Select(t => t + t + t + t).ToArbitrary(), text =>
        {
            var count = SmsCounter.Count(text);
            var (single, part) = (count.Encoding.SingleLimit(), count.Encoding.PartLimit());
            if (count.Characters == 0) return count.Segments == 0;
            if (count.Characters <= single) return count.Segments == 1;
            // Enough room for all of it, and no more parts than needed when a part may end one unit short.
            return count.Segments * part >= count.Characters && (count.Segments - 1) * (part - 1) < count.Characters
                && count.Segments >= (count.Characters + part - 1) / part;
        });

    [Property(MaxTest = 300)]
    public Property AddingACharacter_NeverMakesTheMessageCheaper() =>
        Prop.ForAll(Texts(withNonGsm: true).ToArbitrary(), Texts(withNonGsm: true).ToArbitrary(), (text, more) =>
        {
            var (before, after) = (SmsCounter.Count(text), SmsCounter.Count(text + more));
            return after.Segments >= before.Segments && (before.Encoding != after.Encoding || after.Characters >= before.Characters);
        });

    [Property(MaxTest = 300)]
    public Property ApplyingTheReplacements_LeavesOnlyCharactersWithoutOne_AndIsGsm7WhenEveryOneHadOne() =>
        Prop.ForAll(Texts(withNonGsm: true).ToArbitrary(), text =>
        {
            var before = SmsCounter.Count(text);
            var after = SmsCounter.Count(PlainReplacements.Apply(text));
            return after.OutsideGsm.All(c => PlainReplacements.For(c) is null)
                && (before.Replacements.Count == before.OutsideGsm.Count) == (after.Encoding == SmsEncoding.Gsm7);
        });

    [Fact]
    public void Replacing_IsNotAlwaysCheaper_SoTheEditorCountsAgainAfterwards()
    {
        // Seventy ellipses are one UCS-2 message; as "..." they are 210 septets, two GSM-7 parts. An emoji left in the
        // text keeps it UCS-2, and then "..." costs three units instead of one.
        SmsCounter.Count(new string('\u2026', 70)).Segments.ShouldBe(1);
        SmsCounter.Count(PlainReplacements.Apply(new string('\u2026', 70))).Segments.ShouldBe(2);
    }
}
