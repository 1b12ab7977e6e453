using FeeBridge.Rollout.Communication.Sms;

namespace FeeBridge.Rollout.Tests.Communication.Plan;

/// <summary>SMS go only to numbers that are Danish subscriber numbers: eight digits, not starting with 0 or 1.</summary>
public sealed class DanishPhoneNumberTests
{
    [Theory]
    [InlineData("20123456", "+4520123456")]
    [InlineData("+45 20 12 34 56", "+4520123456")]
    [InlineData("0045-2012-3456", "+4520123456")]
    [InlineData("99.88.77.66", "+4599887766")]
    public void ADanishNumber_IsAcceptedAsTyped_AndWrittenE164(string typed, string e164)
    {
        DanishPhoneNumber.TryParse(typed, out var n, out var error).ShouldBeTrue(error);
        n.E164.ShouldBe(e164);
    }

    [Theory]
    [InlineData("2012345")]      // seven digits
    [InlineData("201234567")]    // nine
    [InlineData("+46 20123456")] // Swedish
    [InlineData("01234567")]     // starts with 0
    [InlineData("11223344")]     // starts with 1
    [InlineData("2012345a")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused_WithAReason(string? typed)
    {
        DanishPhoneNumber.TryParse(typed, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }
}
