namespace FeeBridge.Domain.Tests.Values;

public class FiPaymentIdTests
{
    [Fact]
    public void FiPaymentId_Sequence1_IsThePublishedExample000000000000018() =>
        FiPaymentId.FromSequence(1).Value.ShouldBe("000000000000018");

    [Fact]
    public void FiPaymentId_Sequence2_IsThePublishedExample000000000000026() =>
        FiPaymentId.FromSequence(2).Value.ShouldBe("000000000000026");

    [Theory]
    [InlineData(12345678901234, "123456789012347")] // Luhn sum of the body 63 → check digit 7
    [InlineData(99999999999999, "999999999999994")] // every digit 9 (doubled 18 → 9): sum 126 → 4
    [InlineData(10, "000000000000109")]             // body …10: 1 + 0 = 1 → 9
    [InlineData(5, "000000000000059")]              // 5 doubled is 10 → 1 + 0 = 1 → 9
    public void FiPaymentId_IsTheSequenceZeroPaddedTo14DigitsPlusItsLuhnDigit(long id, string expected)
    {
        var value = FiPaymentId.FromSequence(id).Value;
        value.ShouldBe(expected);
        value.Length.ShouldBe(15);
        IsLuhnValid(value).ShouldBeTrue();
    }

    [Fact]
    public void FiPaymentId_EveryGeneratedId_PassesAnIndependentLuhnCheck_AndParses()
    {
        for (long id = 1; id < 100_000; id += 37)
        {
            var value = FiPaymentId.FromSequence(id).Value;
            IsLuhnValid(value).ShouldBeTrue(value);
            long.Parse(value[..14], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(id);
            FiPaymentId.Parse(value).ShouldBe(FiPaymentId.FromSequence(id));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_000_000_000_000)] // 10^14 needs 15 digits before the check digit
    [InlineData(long.MaxValue)]
    public void FiPaymentId_SequenceOutside1To10Pow14_Throws(long id) =>
        Should.Throw<ArgumentOutOfRangeException>(() => FiPaymentId.FromSequence(id));

    [Fact]
    public void FiPaymentId_Parse_AcceptsACorrectCheckDigit()
    {
        FiPaymentId.TryParse("000000000000018", out var id, out var error).ShouldBeTrue();
        error.ShouldBeNull();
        id.ShouldBe(FiPaymentId.FromSequence(1));
        id.Value.ShouldBe("000000000000018");
        id.ToString().ShouldBe("000000000000018");
    }

    [Fact]
    public void FiPaymentId_AnyOtherCheckDigit_IsRejected()
    {
        foreach (var d in "012345679")
        {
            var wrong = "00000000000001" + d;
            FiPaymentId.TryParse(wrong, out var id, out var error).ShouldBeFalse(wrong);
            id.ShouldBe(default(FiPaymentId));
            error.ShouldNotBeNull();
            error.ShouldContain("check digit");
        }
    }

    [Fact]
    public void FiPaymentId_SwappedNeighbouringDigits_AreCaught()
    {
        // Luhn's point: a typed transposition of two different neighbours (except 09/90) changes the check digit.
        FiPaymentId.TryParse("123456789012347", out _, out _).ShouldBeTrue();
        FiPaymentId.TryParse("213456789012347", out _, out _).ShouldBeFalse();
        FiPaymentId.TryParse("123456789021347", out _, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("00000000000018")]
    [InlineData("0000000000000018")]
    [InlineData("00000000000001X")]
    [InlineData(" 000000000000018")]
    [InlineData("+71<000000000000018")]
    [InlineData("")]
    [InlineData(null)]
    public void FiPaymentId_NotFifteenAsciiDigits_IsRejected(string? text)
    {
        FiPaymentId.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldContain("15 digits");
    }

    [Fact]
    public void FiPaymentId_Parse_ThrowsFormatException_WithTheTryParseMessage()
    {
        FiPaymentId.TryParse("000000000000017", out _, out var error).ShouldBeFalse();
        Should.Throw<FormatException>(() => FiPaymentId.Parse("000000000000017")).Message.ShouldBe(error);
    }

    [Fact]
    public void FiPaymentId_PaymentLine_IsPlus71_Id_Plus_Creditor() =>
        FiPaymentId.FromSequence(1).ToPaymentLine("81234567").ShouldBe("+71<000000000000018+81234567<");

    [Theory]
    [InlineData("81234567")]
    [InlineData("80000000")]
    [InlineData("89999999")]
    public void FiPaymentId_CreditorNumber_IsEightDigitsStartingWith8(string creditor)
    {
        FiPaymentId.IsValidCreditorNumber(creditor).ShouldBeTrue();
        FiPaymentId.FromSequence(2).ToPaymentLine(creditor).ShouldBe($"+71<000000000000026+{creditor}<");
    }

    [Theory]
    [InlineData("71234567")]  // does not start with 8
    [InlineData("08123456")]
    [InlineData("8123456")]   // 7 digits
    [InlineData("812345678")] // 9 digits
    [InlineData("8123456X")]
    [InlineData(" 8123456")]
    [InlineData("")]
    public void FiPaymentId_CreditorNumberOtherwise_IsRejected(string creditor)
    {
        FiPaymentId.IsValidCreditorNumber(creditor).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => FiPaymentId.FromSequence(1).ToPaymentLine(creditor))
            .ParamName.ShouldBe("creditorNumber");
    }

    [Fact]
    public void FiPaymentId_NullCreditorNumber_IsRejected()
    {
        FiPaymentId.IsValidCreditorNumber(null).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => FiPaymentId.FromSequence(1).ToPaymentLine(null!));
    }

    [Fact]
    public void FiPaymentId_Equality_IsByValue()
    {
        var a = FiPaymentId.FromSequence(1);
        var b = FiPaymentId.Parse("000000000000018");
        (a == b).ShouldBeTrue();
        (a != b).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Equals((object)b).ShouldBeTrue();
        (a == FiPaymentId.FromSequence(2)).ShouldBeFalse();
        (a != FiPaymentId.FromSequence(2)).ShouldBeTrue();
    }

    /// <summary>The textbook Luhn validation over the whole number (check digit included): the total is a multiple of 10.</summary>
    private static bool IsLuhnValid(string number)
    {
        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var d = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}
