using System.Text;
using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Xml;

namespace FeeBridge.DebtorSystem.Tests;

/// <summary>
/// The contract's enumerations (CONTRACTS.md §3.1, §3.2) are read by their exact names only: not a number ("0" would
/// be Daekning), not with white space around, not in other case, not a list — which <c>Enum.TryParse</c> all takes.
/// </summary>
public class StrictNamesTests
{
    private static readonly XNamespace Ns = Sf1590.Namespace;

    private static XElement Reparse(XElement e) =>
        Soap.RequestBody(SafeXml.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Soap.Envelope(e).ToString()))));

    private static XElement Report(string betalingsmaade = "MobilePay") => EventXml.Write(new DaekningAfskrivningRegistrering(Kommunekode.Parse("101"),
        [new Haendelse(Guid.NewGuid(), "710100-C1", null, HaendelseType.Daekning, Money.Parse("20.00"), new DateOnly(2026, 11, 25), betalingsmaade, Money.Parse("100.00"))]));

    private static XElement With(XElement message, string element, string text)
    {
        var copy = new XElement(message);
        copy.Descendants(Ns + element).First().Value = text;
        return copy;
    }

    public static TheoryData<string> NotAName() => ["0", "6", " Daekning", "Daekning ", "daekning", "DAEKNING", "Daekning,Afskrivning", "-1", "\tDaekning"];

    [Theory]
    [MemberData(nameof(NotAName))]
    public void HaendelseType_OtherThanItsExactName_IsAContractViolation(string type) =>
        Should.Throw<ContractViolation>(() => EventXml.ReadRequest(Reparse(With(Report(), "Type", type)))).Message.ShouldContain("Type");

    [Fact]
    public void HaendelseType_EveryExactName_IsRead()
    {
        foreach (var type in Enum.GetValues<HaendelseType>())
            EventXml.ReadRequest(Reparse(With(Report(), "Type", type.ToString()))).Haendelser.Single().Type.ShouldBe(type);
    }

    [Theory]
    [InlineData("0")]
    [InlineData(" MobilePay")]
    [InlineData("mobilepay")]
    [InlineData("card")]
    public void Betalingsmaade_OutsideTheContractsList_IsAContractViolation(string method) =>
        Should.Throw<ContractViolation>(() => EventXml.ReadRequest(Reparse(Report(method)))).Message.ShouldContain("Betalingsmaade");

    [Fact]
    public void Betalingsmaade_EveryValueOfTheContract_AndNone_IsRead()
    {
        foreach (var method in new[] { "FIKort", "Betalingsservice", "MobilePay", "Betalingskort", "Bankoverfoersel", "Modregning", "Kontant" })
            EventXml.ReadRequest(Reparse(Report(method))).Haendelser.Single().Betalingsmaade.ShouldBe(method);
        EventXml.ReadRequest(Reparse(Report(null!))).Haendelser.Single().Betalingsmaade.ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData(" Modtaget")]
    [InlineData("modtaget")]
    public void KvitteringStatus_OfAReport_OtherThanItsExactName_IsAContractViolation(string status)
    {
        var answer = EventXml.Write(new DaekningAfskrivningSvar([new HaendelseKvittering(Guid.NewGuid(), HaendelseStatus.Modtaget, null)]));
        Should.Throw<ContractViolation>(() => EventXml.ReadResponse(Reparse(With(answer, "Status", status))));
    }

    [Theory]
    [InlineData("0")]
    [InlineData(" Udfoert")]
    [InlineData("udfoert")]
    public void KvitteringStatus_OfARegistration_OtherThanItsExactName_IsAContractViolation(string status)
    {
        var answer = RegistrationXml.Write(new DebitorRegistreringSvar(Guid.NewGuid(), [new Kvittering(Guid.NewGuid(), KvitteringStatus.Udfoert, "DS-1", null, null)]));
        answer.Element(Ns + "Kvittering")!.Attribute("Status")!.Value = status;
        Should.Throw<ContractViolation>(() => RegistrationXml.ReadResponse(Reparse(answer)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData(" Aktiv")]
    [InlineData("aktiv")]
    [InlineData("Aktiv, Berostillet")]
    public void Tilstand_OtherThanItsExactName_IsAContractViolation(string tilstand)
    {
        var request = RegistrationXml.Write(new DebitorRegistrering(Kommunekode.Parse("101"), "FeeBridge", Guid.NewGuid(),
            [new RetFordringTilstand(Guid.NewGuid(), "710100-C1", Tilstand.Aktiv)]));
        Should.Throw<ContractViolation>(() => RegistrationXml.ReadRequest(Reparse(With(request, "Tilstand", tilstand)))).Message.ShouldContain("Tilstand");
        RegistrationXml.ReadRequest(Reparse(request)).Handlinger.Single().ShouldBeOfType<RetFordringTilstand>().Tilstand.ShouldBe(Tilstand.Aktiv);
    }

    [Fact]
    public void AFault_ReadAsARequest_IsAContractViolation_NotAFaultOfTheReader()
    {
        var fault = SafeXml.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Soap.Fault("Server", "boom").ToString())));
        Should.Throw<ContractViolation>(() => Soap.RequestBody(fault));
        Should.Throw<SoapFault>(() => Soap.Body(fault)).Code.ShouldBe("Server");
    }

    [Fact]
    public async Task AStreamThatFailsWhileRead_IsAContractViolation()
    {
        var e = await Should.ThrowAsync<ContractViolation>(() => SafeXml.LoadAsync(new FailingStream()));
        e.Message.ShouldContain("could not be read");
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("Reading the request body timed out due to data arriving too slowly."));
    }
}
