namespace FeeBridge.Domain.Tests.Values;

public class CprTests
{
    [Theory]
    [InlineData("0101901234")]
    [InlineData("010190-1234")]
    public void Cpr_AcceptsTenDigitsWithOrWithoutADash(string text) => Cpr.Parse(text).Digits.ShouldBe("0101901234");

    [Theory]
    [InlineData("0101901234", 1990)] // 7th digit 1 → 1900s
    [InlineData("0101993999", 1999)] // 3 → 1900s
    [InlineData("0101364000", 2036)] // 4 and YY ≤ 36 → 2000s
    [InlineData("0101374000", 1937)] // 4 and YY > 36 → 1900s
    [InlineData("0101575000", 2057)] // 5–8 and YY ≤ 57 → 2000s
    [InlineData("0101588000", 1858)] // 5–8 and YY > 57 → 1800s
    [InlineData("0101369000", 2036)] // 9 and YY ≤ 36 → 2000s
    [InlineData("0101379000", 1937)] // 9 and YY > 36 → 1900s
    public void Cpr_SeventhDigitGivesTheCentury(string text, int year) => Cpr.Parse(text).BirthDate.Year.ShouldBe(year);

    [Theory]
    [InlineData("3102901234")] // 31 February
    [InlineData("0013901234")] // month 13
    [InlineData("0001901234")] // day 0
    [InlineData("2902011234")] // 29 February 1901: not a leap year
    [InlineData("2902000000")] // 29 February 1900 (7th digit 0): not a leap year
    public void Cpr_RejectsDatesThatDoNotExist(string text)
    {
        Cpr.TryParse(text, out _, out var error).ShouldBeFalse();
        error!.ShouldNotContain(text);
    }

    [Fact]
    public void Cpr_29FebruaryInALeapYearIsADate() =>
        // 7th digit 4 with YY 00 → 2000, a leap year.
        Cpr.Parse("2902004000").BirthDate.ShouldBe(new DateOnly(2000, 2, 29));

    [Theory]
    [InlineData("010190123")]
    [InlineData("01019012345")]
    [InlineData("01019A1234")]
    [InlineData("0101-901234")]
    [InlineData("")]
    [InlineData(null)]
    public void Cpr_RejectsWhatIsNotTenDigits(string? text)
    {
        Cpr.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Cpr_Modulus11IsNotRequired()
    {
        // 0101901234: 4·0+3·1+2·0+7·1+6·9+5·0+4·1+3·2+2·3+1·4 = 84, not divisible by 11, and still valid.
        var weights = new[] { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };
        "0101901234".Select((c, i) => (c - '0') * weights[i]).Sum().ShouldNotBe(0, "test premise: fails modulus 11");
        ("0101901234".Select((c, i) => (c - '0') * weights[i]).Sum() % 11).ShouldNotBe(0);
        Cpr.TryParse("0101901234", out _, out _).ShouldBeTrue();
    }

    [Fact]
    public void Cpr_PrintsMasked_SoLogsNeverCarryTheNumber()
    {
        var cpr = Cpr.Parse("0101901234");
        cpr.ToString().ShouldBe("010190-****");
        $"{cpr}".ShouldNotContain("1234");
        cpr.Masked.ShouldBe("010190-****");
    }

    [Fact]
    public void Cpr_EqualsByNumber() => Cpr.Parse("010190-1234").ShouldBe(Cpr.Parse("0101901234"));
}
