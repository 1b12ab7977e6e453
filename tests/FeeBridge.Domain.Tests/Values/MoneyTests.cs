namespace FeeBridge.Domain.Tests.Values;

public class MoneyTests
{
    [Theory]
    [InlineData("120.00", 12000)]
    [InlineData("120", 12000)]
    [InlineData("120.5", 12050)]
    [InlineData("0.05", 5)]
    [InlineData("-1.50", -150)]
    [InlineData("999999999999.99", 99999999999999)]
    public void Money_ParsesKronerIntoWholeOre(string text, long ore) => Money.Parse(text).Ore.ShouldBe(ore);

    [Theory]
    [InlineData(12000, "120.00")]
    [InlineData(5, "0.05")]
    [InlineData(-150, "-1.50")]
    [InlineData(0, "0.00")]
    [InlineData(100, "1.00")]
    public void Money_FormatsWithExactlyTwoDecimals(long ore, string text) => Money.FromOre(ore).ToString().ShouldBe(text);

    [Fact]
    public void Money_RejectsMoreThanTwoDecimals()
    {
        Money.TryParse("1.005", out _, out var error).ShouldBeFalse();
        error!.ShouldContain("at most two decimals");
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("1,50")]
    [InlineData("+1.00")]
    [InlineData(" 1.00")]
    [InlineData("1.00 ")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("NaN")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("1234567890123.00")]
    [InlineData("١٢٣")]
    public void Money_RejectsAnythingButPlainDecimalKroner(string? text)
    {
        Money.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrEmpty();
        Should.Throw<FormatException>(() => Money.Parse(text!));
    }

    [Fact]
    public void Money_ErrorNeverRepeatsTheInput()
    {
        Money.TryParse("0101901234.123", out _, out var error).ShouldBeFalse();
        error!.ShouldNotContain("0101901234");
    }

    [Fact]
    public void Money_ArithmeticIsExact()
    {
        var sum = Money.Zero;
        for (var i = 0; i < 10; i++) sum += Money.Parse("0.10");
        sum.ShouldBe(Money.Parse("1.00"));
        (Money.Parse("255.00") - Money.Parse("100.00")).ShouldBe(Money.Parse("155.00"));
        (-Money.Parse("1.00")).Ore.ShouldBe(-100);
    }

    [Fact]
    public void Money_ArithmeticOverflowThrows() =>
        Should.Throw<OverflowException>(() => Money.FromOre(long.MaxValue) + Money.FromOre(1));

    [Fact]
    public void Money_ComparesByAmount()
    {
        (Money.Parse("1.00") < Money.Parse("1.01")).ShouldBeTrue();
        (Money.Parse("2.00") >= Money.Parse("2")).ShouldBeTrue();
        Money.Min(Money.Parse("5"), Money.Parse("3")).ShouldBe(Money.Parse("3"));
        Money.Max(Money.Parse("5"), Money.Parse("3")).ShouldBe(Money.Parse("5"));
        Money.Parse("0.01").IsPositive.ShouldBeTrue();
        Money.Parse("0.00").IsZero.ShouldBeTrue();
        Money.Parse("-0.01").IsPositive.ShouldBeFalse();
    }
}
