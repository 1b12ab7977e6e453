namespace FeeBridge.Domain.Tests.Values;

public class FiPaymentIdTests
{
    [Theory]
    [InlineData(1, "000000000000018")] // published example
    [InlineData(2, "000000000000026")] // published example
    [InlineData(12345678901234, "123456789012347")] // Luhn sum of the body 63 → 7
    public void FiPaymentId_IsTheIdPaddedTo14DigitsPlusALuhnCheckDigit(long id, string expected) =>
        FiPaymentId.FromSequence(id).Value.ShouldBe(expected);

    [Fact]
    public void FiPaymentId_PaymentLineIsPlus71_Id_Creditor() =>
        FiPaymentId.FromSequence(1).ToPaymentLine("81234567").ShouldBe("+71<000000000000018+81234567<");

    [Theory]
    [InlineData("71234567")]
    [InlineData("8123456")]
    [InlineData("8123456X")]
    public void FiPaymentId_CreditorNumberIs8DigitsStartingWith8(string creditor)
    {
        FiPaymentId.IsValidCreditorNumber(creditor).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => FiPaymentId.FromSequence(1).ToPaymentLine(creditor));
    }

    [Fact]
    public void FiPaymentId_ParseChecksTheCheckDigit()
    {
        FiPaymentId.TryParse("000000000000018", out var ok, out _).ShouldBeTrue();
        ok.ShouldBe(FiPaymentId.FromSequence(1));
        FiPaymentId.TryParse("000000000000017", out _, out var error).ShouldBeFalse();
        error!.ShouldContain("check digit");
        FiPaymentId.TryParse("00000000000001", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void FiPaymentId_EveryGeneratedIdPassesItsOwnCheck()
    {
        for (long id = 1; id < 2000; id += 7)
        {
            FiPaymentId.TryParse(FiPaymentId.FromSequence(id).Value, out _, out _).ShouldBeTrue();
        }
    }

    [Fact]
    public void FiPaymentId_SequenceOutOfRangeThrows()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FiPaymentId.FromSequence(0));
        Should.Throw<ArgumentOutOfRangeException>(() => FiPaymentId.FromSequence(100_000_000_000_000));
    }
}
