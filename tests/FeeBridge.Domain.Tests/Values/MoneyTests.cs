using System.Globalization;

namespace FeeBridge.Domain.Tests.Values;

public class MoneyTests
{
    // Money.MaxClaimAmount: the one bound every reader of an incoming amount holds it to (issue 14).
    [Theory]
    [InlineData("999999999999.99")]
    [InlineData("1000000.01")]
    [InlineData("-1000000.01")]
    public void TryParseAccepted_RefusesAnAmountAboveMaxClaimAmount_WithoutRepeatingIt(string text)
    {
        Money.TryParse(text, out _, out _).ShouldBeTrue("the wire format itself reads it");
        Money.TryParseAccepted(text, out var m, out var error).ShouldBeFalse();
        m.ShouldBe(Money.Zero);
        error!.ShouldContain(Money.MaxClaimAmount.ToString());
        error!.ShouldNotContain(text);
    }

    [Fact]
    public void TryParseAccepted_TakesMaxClaimAmount_AndAMillionClaimsOfItStillPrintAndParse()
    {
        Money.TryParseAccepted(Money.MaxClaimAmount.ToString(), out var m, out _).ShouldBeTrue();
        m.ShouldBe(Money.MaxClaimAmount);
        var sum = Money.FromOre(Money.MaxClaimAmount.Ore * 999_999);
        Money.Parse(sum.ToString()).ShouldBe(sum, "a balance over a million claims at the bound is still readable");
    }

    [Fact]
    public void Money_WholeKroner_AreHundredsOfOre() => Money.Parse("120").Ore.ShouldBe(12000);

    [Fact]
    public void Money_OneDecimal_IsTensOfOre() => Money.Parse("120.5").Ore.ShouldBe(12050);

    [Theory]
    [InlineData("120.50", 12050)]
    [InlineData("120.00", 12000)]
    [InlineData("0.05", 5)]
    [InlineData("0.5", 50)]
    [InlineData("007.50", 750)]
    public void Money_TwoDecimals_AreWholeOre(string text, long ore) => Money.Parse(text).Ore.ShouldBe(ore);

    [Theory]
    [InlineData("-1.50", -150)]
    [InlineData("-0.05", -5)]
    [InlineData("-120", -12000)]
    public void Money_LeadingMinus_IsANegativeAmount(string text, long ore) => Money.Parse(text).Ore.ShouldBe(ore);

    [Fact]
    public void Money_MinusZero_IsZero_AndPrintsWithoutSign()
    {
        var m = Money.Parse("-0.00");
        m.IsZero.ShouldBeTrue();
        m.ToString().ShouldBe("0.00");
    }

    [Fact]
    public void Money_TwelveIntegerDigits_IsTheLargestAcceptedAmount()
    {
        Money.Parse("999999999999.99").Ore.ShouldBe(99_999_999_999_999L);
        Money.Parse("-999999999999.99").Ore.ShouldBe(-99_999_999_999_999L);
    }

    [Theory]
    [InlineData("1000000000000")]
    [InlineData("1234567890123.00")]
    [InlineData("-1000000000000")]
    public void Money_ThirteenIntegerDigits_IsRejected(string text) => Money.TryParse(text, out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1.005")]
    [InlineData("1.000")]
    [InlineData("-0.001")]
    public void Money_ThreeDecimals_IsRejected_WithAtMostTwoDecimals(string text)
    {
        Money.TryParse(text, out var money, out var error).ShouldBeFalse();
        money.ShouldBe(Money.Zero);
        error.ShouldNotBeNull();
        error.ShouldContain("at most two decimals");
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1.5e2")]
    [InlineData("1,50")]
    [InlineData("1,000.00")]
    [InlineData("+1.00")]
    [InlineData(" 1.00")]
    [InlineData("1.00 ")]
    [InlineData("1 000")]
    [InlineData("\t1")]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("-")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("1.-5")]
    [InlineData("0x10")]
    [InlineData("١٢٣")]   // Arabic-Indic digits: char.IsDigit says yes, kroner say no
    [InlineData("１２０")] // full-width digits
    public void Money_AnythingButPlainDecimalKroner_IsRejected(string text)
    {
        Money.TryParse(text, out var money, out var error).ShouldBeFalse();
        money.ShouldBe(Money.Zero);
        error.ShouldNotBeNullOrWhiteSpace();
        Should.Throw<FormatException>(() => Money.Parse(text)).Message.ShouldBe(error);
    }

    [Fact]
    public void Money_Null_IsRejected()
    {
        Money.TryParse(null, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
        Should.Throw<FormatException>(() => Money.Parse(null!));
    }

    [Theory]
    [InlineData("0101901234.123")] // a CPR number typed into an amount field
    [InlineData("0101901234x")]
    [InlineData("secret-token")]
    public void Money_ErrorMessage_NeverEchoesTheInput(string text)
    {
        Money.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldNotContain("0101901234");
        error.ShouldNotContain("secret");
    }

    [Fact]
    public void Money_Success_ClearsTheError()
    {
        Money.TryParse("1.00", out _, out var error).ShouldBeTrue();
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(12000, "120.00")]
    [InlineData(5, "0.05")]
    [InlineData(50, "0.50")]
    [InlineData(-150, "-1.50")]
    [InlineData(-5, "-0.05")]
    [InlineData(0, "0.00")]
    [InlineData(100, "1.00")]
    [InlineData(long.MaxValue, "92233720368547758.07")]
    [InlineData(long.MinValue, "-92233720368547758.08")]
    public void Money_ToString_HasExactlyTwoDecimalsAndADot(long ore, string text) => Money.FromOre(ore).ToString().ShouldBe(text);

    [Fact]
    public void Money_ToString_IgnoresTheCurrentCulture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            // Danish writes 1.234,56; the wire format must not follow the server's culture.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("da-DK");
            Money.FromOre(123456).ToString().ShouldBe("1234.56");
            $"{Money.FromOre(-150)}".ShouldBe("-1.50");
            Money.Parse("1234.56").Ore.ShouldBe(123456);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("120.00")]
    [InlineData("0.01")]
    [InlineData("-1.50")]
    [InlineData("999999999999.99")]
    public void Money_CanonicalText_RoundTrips(string text) => Money.Parse(text).ToString().ShouldBe(text);

    [Fact]
    public void Money_Zero_IsTheDefaultAndZeroOre()
    {
        Money.Zero.ShouldBe(default(Money));
        Money.Zero.Ore.ShouldBe(0);
        Money.Zero.IsZero.ShouldBeTrue();
        Money.Zero.IsPositive.ShouldBeFalse();
    }

    [Fact]
    public void Money_FromOre_KeepsTheOre() => Money.FromOre(-12345).Ore.ShouldBe(-12345);

    [Fact]
    public void Money_TenTimesTenOre_IsExactlyOneKrone()
    {
        // The classic 0.1 + … + 0.1 ≠ 1.0 of binary floating point must not happen.
        var sum = Money.Zero;
        for (var i = 0; i < 10; i++) sum += Money.Parse("0.10");
        sum.ShouldBe(Money.Parse("1.00"));
    }

    [Fact]
    public void Money_Subtraction_IsExact() =>
        (Money.Parse("255.00") - Money.Parse("100.01")).ShouldBe(Money.Parse("154.99"));

    [Fact]
    public void Money_UnaryMinus_Negates()
    {
        (-Money.Parse("1.00")).Ore.ShouldBe(-100);
        (-Money.Parse("-2.50")).ShouldBe(Money.Parse("2.50"));
    }

    [Fact]
    public void Money_AdditionOverflow_Throws() =>
        Should.Throw<OverflowException>(() => Money.FromOre(long.MaxValue) + Money.FromOre(1));

    [Fact]
    public void Money_SubtractionOverflow_Throws() =>
        Should.Throw<OverflowException>(() => Money.FromOre(long.MinValue) - Money.FromOre(1));

    [Fact]
    public void Money_NegatingTheSmallestAmount_Throws() =>
        Should.Throw<OverflowException>(() => -Money.FromOre(long.MinValue));

    [Fact]
    public void Money_Comparison_IsByAmount()
    {
        var small = Money.Parse("1.00");
        var large = Money.Parse("1.01");
        (small < large).ShouldBeTrue();
        (large > small).ShouldBeTrue();
        (small > large).ShouldBeFalse();
        (large < small).ShouldBeFalse();
        (small <= Money.Parse("1")).ShouldBeTrue();
        (small >= Money.Parse("1.0")).ShouldBeTrue();
        (large <= small).ShouldBeFalse();
        (small >= large).ShouldBeFalse();
        small.CompareTo(large).ShouldBeLessThan(0);
        large.CompareTo(small).ShouldBeGreaterThan(0);
        small.CompareTo(Money.Parse("1")).ShouldBe(0);
    }

    [Fact]
    public void Money_Sorting_UsesCompareTo()
    {
        var sorted = new[] { "5.00", "-1.00", "0.05", "0.50" }.Select(Money.Parse).Order().Select(m => m.ToString());
        sorted.ShouldBe(["-1.00", "0.05", "0.50", "5.00"]);
    }

    [Fact]
    public void Money_MinAndMax_PickTheSmallerAndLarger()
    {
        Money.Min(Money.Parse("5"), Money.Parse("3")).ShouldBe(Money.Parse("3"));
        Money.Min(Money.Parse("3"), Money.Parse("5")).ShouldBe(Money.Parse("3"));
        Money.Max(Money.Parse("5"), Money.Parse("3")).ShouldBe(Money.Parse("5"));
        Money.Max(Money.Parse("-5"), Money.Parse("-3")).ShouldBe(Money.Parse("-3"));
    }

    [Theory]
    [InlineData("0.01", true, false)]
    [InlineData("0.00", false, true)]
    [InlineData("-0.01", false, false)]
    public void Money_IsPositive_And_IsZero_FollowTheSign(string text, bool positive, bool zero)
    {
        var m = Money.Parse(text);
        m.IsPositive.ShouldBe(positive);
        m.IsZero.ShouldBe(zero);
    }

    [Fact]
    public void Money_Equality_IsByAmount()
    {
        var a = Money.Parse("120");
        var b = Money.FromOre(12000);
        a.Equals(b).ShouldBeTrue();
        (a == b).ShouldBeTrue();
        (a != b).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Equals((object)b).ShouldBeTrue();
        a.Equals((object)12000L).ShouldBeFalse();
        (a == Money.FromOre(12001)).ShouldBeFalse();
        (a != Money.FromOre(12001)).ShouldBeTrue();
    }
}
