using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using FeeBridge.Rollout.Selection;
using FeeBridge.Rollout.WorkingGroups;

namespace FeeBridge.Rollout.Selection.Tests;

/// <summary>
/// DOMAIN.md §8: "A transparent draw rounds the lottery to 1,000 equally likely panels, publishes their hash, and
/// picks one with a public random number fixed in advance"; issue #17: panel SHA-256(randomValue ‖ track) mod 1000.
/// </summary>
public sealed class LotteryTests
{
    [Theory]
    [InlineData("17 4 29 33 41 . 8 22 .", "implementering")]
    [InlineData("2025-03-31 Lotto 5 12 19 27 33 36", "uddannelse")]
    public void TheDrawnPanel_IsTheSha256OfTheRandomValueAndTrack_ModuloAThousand(string randomValue, string track)
    {
        // Computed here by reading the hex digest as a number, not as the code does (bytes to BigInteger).
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(randomValue + track)));
        var expected = (int)(BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 1000);
        Lottery.DrawIndex(randomValue, track).ShouldBe(expected);
    }

    [Fact]
    public void TheRounding_GivesExactlyAThousandTickets_FloorsFirst_ThenTheLargestRemainders()
    {
        var counts = LotteryRounding.Round([0.3336, 0.3332, 0.3332]);
        counts.Sum().ShouldBe(1000);
        // Floors 333, 333, 333; one ticket left goes to the largest remainder (0.6 of the first).
        counts.ShouldBe([334, 333, 333]);
        LotteryRounding.Round([0.0004, 0.9996]).ShouldBe([0, 1000]);
    }

    private static Lottery Sample(string last = "a2 a3") => new("g",
    [
        new TrackLottery("t", 2, [new TrackQuota("t", SelectionFeature.Size, "large", 1, 2)],
            [new LotteryMember("a1", "Region Sjælland", "large", "folkebibliotek"), new LotteryMember("a2", "Region Sjælland", "small", "folkebibliotek"), new LotteryMember("a3", "Region Hovedstaden", "large", "skolebibliotek")],
            [["a1", "a2"], ["a1", "a3"], last.Split(' ')]),
    ]);

    [Fact]
    public void ThePublishedList_ReadsBack_ToTheSameListAndHash()
    {
        var lottery = Sample();
        var back = Lottery.Parse(lottery.Text)!;
        back.Hash.ShouldBe(lottery.Hash);
        back.Tracks.Single().Panels.Select(p => string.Join(' ', p)).ShouldBe(["a1 a2", "a1 a3", "a2 a3"]);
        lottery.Hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lottery.Text))));
        lottery.Text.ShouldStartWith("feebridge-lottery/1\ngroup\tg\ntrack\tt\t2\nquota\tt\tsize\tlarge\t1\t2\nmember\tt\ta1\tRegion Sjælland\tlarge\tfolkebibliotek\n");
    }

    [Fact]
    public void AnyChangedPanel_ChangesTheHash_AndATamperedListIsNotRead()
    {
        Sample("a1 a3").Hash.ShouldNotBe(Sample().Hash);
        Lottery.Parse(Sample().Text.Replace("panel\tt\t2\ta2 a3", "panel\tt\t2\ta2 a9", StringComparison.Ordinal))!.Hash.ShouldNotBe(Sample().Hash);
        Lottery.Parse("not a lottery").ShouldBeNull();
    }

    [Fact]
    public void Chances_AreTheShareOfPanelsHoldingEachApplicant()
    {
        var chances = Sample().Tracks.Single().Chances;
        chances["a1"].ShouldBe(2 / 3.0, 1e-12);
        chances["a2"].ShouldBe(2 / 3.0, 1e-12);
        chances["a3"].ShouldBe(2 / 3.0, 1e-12);
    }
}
