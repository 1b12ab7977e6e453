namespace FeeBridge.Domain.Tests.Values;

public class CprTests
{
    [Fact]
    public void Cpr_TenDigits_AreAccepted()
    {
        Cpr.TryParse("0101901234", out var cpr, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        cpr.Digits.ShouldBe("0101901234");
    }

    [Fact]
    public void Cpr_OneDashAfterSixDigits_IsAccepted_AndDropped() => Cpr.Parse("010190-1234").Digits.ShouldBe("0101901234");

    [Theory]
    [InlineData("01019-01234")]
    [InlineData("0101901-234")]
    [InlineData("0101-901234")]
    [InlineData("010190--1234")]
    [InlineData("-0101901234")]
    [InlineData("0101901234-")]
    [InlineData("010190 1234")]
    [InlineData("010190–1234")] // en dash
    [InlineData("010190/1234")]
    public void Cpr_DashAnywhereElse_OrAnotherSeparator_IsRejected(string text) =>
        Cpr.TryParse(text, out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("010190123")]
    [InlineData("01019012345")]
    [InlineData("01019A1234")]
    [InlineData(" 0101901234")]
    [InlineData("0101901234 ")]
    [InlineData("٠١٠١٩٠١٢٣٤")] // Arabic-Indic digits
    [InlineData("")]
    [InlineData(null)]
    public void Cpr_NotTenAsciiDigits_IsRejected(string? text)
    {
        Cpr.TryParse(text, out var cpr, out var error).ShouldBeFalse();
        cpr.ShouldBe(default(Cpr));
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Cpr_BirthDate_IsTheFirstSixDigits() => Cpr.Parse("2412701234").BirthDate.ShouldBe(new DateOnly(1970, 12, 24));

    // The century rule of the 7th digit (CPR-kontoret): 0–3 → 1900s; 4 or 9 → 2000s when YY ≤ 36, else 1900s;
    // 5–8 → 2000s when YY ≤ 57, else 1800s.

    [Fact]
    public void Cpr_SeventhDigit0_IsBornIn1900s() => Cpr.Parse("0101000234").BirthDate.Year.ShouldBe(1900);

    [Fact]
    public void Cpr_SeventhDigit3_Year99_IsBornIn1999() => Cpr.Parse("0101993999").BirthDate.Year.ShouldBe(1999);

    [Theory]
    [InlineData('0')]
    [InlineData('1')]
    [InlineData('2')]
    [InlineData('3')]
    public void Cpr_SeventhDigit0To3_Year05_IsBornIn1905(char seventh) =>
        Cpr.Parse($"010105{seventh}000").BirthDate.Year.ShouldBe(1905);

    [Fact]
    public void Cpr_SeventhDigit4_Year36_IsBornIn2036() => Cpr.Parse("0101364000").BirthDate.Year.ShouldBe(2036);

    [Fact]
    public void Cpr_SeventhDigit4_Year37_IsBornIn1937() => Cpr.Parse("0101374000").BirthDate.Year.ShouldBe(1937);

    [Fact]
    public void Cpr_SeventhDigit4_Year00_IsBornIn2000() => Cpr.Parse("0101004000").BirthDate.Year.ShouldBe(2000);

    [Fact]
    public void Cpr_SeventhDigit9_Year36_IsBornIn2036() => Cpr.Parse("0101369000").BirthDate.Year.ShouldBe(2036);

    [Fact]
    public void Cpr_SeventhDigit9_Year37_IsBornIn1937() => Cpr.Parse("0101379000").BirthDate.Year.ShouldBe(1937);

    [Theory]
    [InlineData('5')]
    [InlineData('6')]
    [InlineData('7')]
    [InlineData('8')]
    public void Cpr_SeventhDigit5To8_Year57_IsBornIn2057(char seventh) =>
        Cpr.Parse($"010157{seventh}000").BirthDate.Year.ShouldBe(2057);

    [Theory]
    [InlineData('5')]
    [InlineData('6')]
    [InlineData('7')]
    [InlineData('8')]
    public void Cpr_SeventhDigit5To8_Year58_IsBornIn1858(char seventh) =>
        Cpr.Parse($"010158{seventh}000").BirthDate.Year.ShouldBe(1858);

    [Fact]
    public void Cpr_SeventhDigit5_Year00_IsBornIn2000() => Cpr.Parse("0101005000").BirthDate.Year.ShouldBe(2000);

    [Theory]
    [InlineData("3102901234")] // 31 February
    [InlineData("3104901234")] // 31 April
    [InlineData("0013901234")] // month 13
    [InlineData("0100901234")] // month 0
    [InlineData("0001901234")] // day 0
    [InlineData("3201901234")] // day 32
    public void Cpr_DatePartThatIsNoRealDate_IsRejected(string text)
    {
        Cpr.TryParse(text, out var cpr, out var error).ShouldBeFalse();
        cpr.ShouldBe(default(Cpr));
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Cpr_LastDayOfEachMonth_IsADate()
    {
        Cpr.Parse("3004901234").BirthDate.ShouldBe(new DateOnly(1990, 4, 30));
        Cpr.Parse("3112901234").BirthDate.ShouldBe(new DateOnly(1990, 12, 31));
        Cpr.Parse("2802901234").BirthDate.ShouldBe(new DateOnly(1990, 2, 28));
    }

    [Fact]
    public void Cpr_29February_InALeapYear_IsADate()
    {
        Cpr.Parse("2902961234").BirthDate.ShouldBe(new DateOnly(1996, 2, 29));
        Cpr.Parse("2902244000").BirthDate.ShouldBe(new DateOnly(2024, 2, 29));
        Cpr.Parse("2902605000").BirthDate.ShouldBe(new DateOnly(1860, 2, 29));
    }

    [Fact]
    public void Cpr_29February_InACommonYear_IsRejected()
    {
        Cpr.TryParse("2902011234", out _, out _).ShouldBeFalse(); // 1901
        Cpr.TryParse("2902254000", out _, out _).ShouldBeFalse(); // 2025
    }

    [Fact]
    public void Cpr_29FebruaryYear00_DependsOnTheCenturyOfTheSeventhDigit()
    {
        // 1900 is no leap year (divisible by 100), 2000 is (divisible by 400): the same six digits are a real date
        // only when the 7th digit puts them in 2000.
        Cpr.TryParse("2902000000", out _, out _).ShouldBeFalse();
        Cpr.Parse("2902004000").BirthDate.ShouldBe(new DateOnly(2000, 2, 29));
    }

    [Fact]
    public void Cpr_FailingModulus11_IsStillAccepted()
    {
        // Numbers without the modulus-11 property have been issued since 2007, so the check must not be applied.
        const string number = "0101901234";
        Modulus11Sum(number).ShouldBe(84, "test premise");
        (Modulus11Sum(number) % 11).ShouldNotBe(0, "test premise: the number fails modulus 11");
        Cpr.TryParse(number, out var cpr, out _).ShouldBeTrue();
        cpr.Digits.ShouldBe(number);
    }

    [Fact]
    public void Cpr_PassingModulus11_IsAccepted()
    {
        const string number = "0101901238";
        (Modulus11Sum(number) % 11).ShouldBe(0, "test premise: the number passes modulus 11");
        Cpr.TryParse(number, out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("3102901234")]
    [InlineData("0101901234x")]
    [InlineData("010190-123")]
    public void Cpr_ErrorMessage_NeverContainsTheNumber(string text)
    {
        Cpr.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldNotContain(text);
        error.ShouldNotContain(text[..6]);
        error.ShouldNotContain("1234");
        Should.Throw<FormatException>(() => Cpr.Parse(text)).Message.ShouldNotContain(text[..6]);
    }

    [Fact]
    public void Cpr_Parse_ThrowsFormatException_WithTheTryParseMessage()
    {
        Cpr.TryParse("3102901234", out _, out var error);
        Should.Throw<FormatException>(() => Cpr.Parse("3102901234")).Message.ShouldBe(error);
    }

    [Fact]
    public void Cpr_Masked_HidesTheSerialPart() => Cpr.Parse("0101901234").Masked.ShouldBe("010190-****");

    [Fact]
    public void Cpr_ToString_IsMasked_SoALogNeverLeaksTheNumber()
    {
        var cpr = Cpr.Parse("0101901234");
        cpr.ToString().ShouldBe("010190-****");
        $"debtor {cpr}".ShouldBe("debtor 010190-****");
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", cpr).ShouldNotContain("1234");
        ((object)cpr).ToString()!.ShouldNotContain("0101901234");
    }

    [Fact]
    public void Cpr_Default_HasNoNumber()
    {
        var cpr = default(Cpr);
        cpr.ToString().ShouldBe("");
        Should.Throw<InvalidOperationException>(() => cpr.Digits);
    }

    [Fact]
    public void Cpr_Equality_IsByNumber_WithOrWithoutDash()
    {
        var a = Cpr.Parse("010190-1234");
        var b = Cpr.Parse("0101901234");
        a.ShouldBe(b);
        (a == b).ShouldBeTrue();
        (a != b).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Equals((object)b).ShouldBeTrue();
        a.Equals((object)"0101901234").ShouldBeFalse();
        (a == Cpr.Parse("0101901235")).ShouldBeFalse();
        (a != Cpr.Parse("0101901235")).ShouldBeTrue();
    }

    private static int Modulus11Sum(string digits)
    {
        int[] weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        return digits.Select((c, i) => (c - '0') * weights[i]).Sum();
    }
}
