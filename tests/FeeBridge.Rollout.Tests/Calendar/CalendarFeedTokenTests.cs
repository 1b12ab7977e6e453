using System.Security.Cryptography;
using FeeBridge.Rollout.Calendar;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static FeeBridge.Rollout.Tests.Workspace.Fixtures;

namespace FeeBridge.Rollout.Tests.Calendar;

/// <summary>The feed link's secret: 256 random bits, stored only as a hash, renewable (the old one stops).</summary>
public sealed class CalendarFeedTokenTests
{
    [Fact]
    public void AToken_Is256RandomBits_InBase64Url_AndOnlyItsHashIsStored()
    {
        var issued = CalendarFeedTokens.Issue(Anne, RandomNumberGenerator.Create(), T0);
        issued.Token.Length.ShouldBe(43);
        issued.Token.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        issued.Record.TokenHash.ShouldNotContain(issued.Token);
        issued.Record.TokenHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(issued.Token))));
        (issued.Record.Owner, issued.Record.IssuedAt).ShouldBe((Anne, T0));
    }

    [Fact]
    public void TheIssuedToken_Matches_AndNothingElseDoes()
    {
        var issued = CalendarFeedTokens.Issue(Anne, RandomNumberGenerator.Create(), T0);
        CalendarFeedTokens.Matches(issued.Record, issued.Token).ShouldBeTrue();
        CalendarFeedTokens.LookupHash(issued.Token).ShouldBe(issued.Record.TokenHash);
        var flipped = (issued.Token[0] == 'A' ? "B" : "A") + issued.Token[1..];
        foreach (var wrong in new[] { flipped, issued.Token[..42], issued.Token + "A", "", null, "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" })
            CalendarFeedTokens.Matches(issued.Record, wrong).ShouldBeFalse(wrong);
    }

    [Fact]
    public void Renewing_GivesANewToken_AndTheOldOneStops()
    {
        var first = CalendarFeedTokens.Issue(Anne, RandomNumberGenerator.Create(), T0);
        var renewed = CalendarFeedTokens.Renew(first.Record, RandomNumberGenerator.Create(), T0.AddDays(1));
        renewed.Token.ShouldNotBe(first.Token);
        renewed.Record.Owner.ShouldBe(Anne);
        CalendarFeedTokens.Matches(renewed.Record, first.Token).ShouldBeFalse();
        CalendarFeedTokens.Matches(renewed.Record, renewed.Token).ShouldBeTrue();
    }

    [Fact]
    public void ATokenFromOtherThan32Bytes_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => CalendarFeedTokens.FromBytes(Anne, new byte[16], T0));

    [Property(MaxTest = 200)]
    public Property TokensFromDifferentBytes_Differ_AndEachMatchesOnlyItsOwnRecord() =>
        Prop.ForAll(Bytes().ToArbitrary(), Bytes().ToArbitrary(), (a, b) =>
        {
            var ta = CalendarFeedTokens.FromBytes(Anne, a, T0);
            var tb = CalendarFeedTokens.FromBytes(Anne, b, T0);
            var same = a.AsSpan().SequenceEqual(b);
            return (ta.Token == tb.Token) == same && CalendarFeedTokens.Matches(ta.Record, ta.Token)
                && CalendarFeedTokens.Matches(ta.Record, tb.Token) == same;
        });

    private static Gen<byte[]> Bytes() => Gen.ArrayOf(Gen.Elements<byte>(0, 1, 255), 32);
}
