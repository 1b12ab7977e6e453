using System.Xml.Linq;
using FeeBridge.DebtorSystem.Contract;

namespace FeeBridge.DebtorSystem.Xml;

/// <summary>SOAP 1.1 envelopes and faults around the contract's messages.</summary>
public static class Soap
{
    private static readonly XNamespace Env = Sf1590.SoapNamespace;

    public static XDocument Envelope(XElement body) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Env + "Envelope", new XAttribute(XNamespace.Xmlns + "soap", Sf1590.SoapNamespace),
                new XElement(Env + "Body", body)));

    /// <summary>A fault: <c>Client</c> for a bad message, <c>Server</c> for a failure on the answering side.</summary>
    public static XDocument Fault(string code, string text) =>
        Envelope(new XElement(Env + "Fault",
            new XElement("faultcode", "soap:" + code),
            new XElement("faultstring", text)));

    /// <summary>The one element inside <c>Body</c>; a fault in it is raised as <see cref="SoapFault"/>.</summary>
    public static XElement Body(XDocument document)
    {
        var envelope = document.Root;
        if (envelope is null || envelope.Name != Env + "Envelope") throw new ContractViolation("Not a SOAP 1.1 envelope.");
        var body = envelope.Element(Env + "Body") ?? throw new ContractViolation("The envelope has no Body.");
        var content = body.Elements().ToList();
        if (content.Count != 1) throw new ContractViolation("The Body must hold exactly one element.");
        if (content[0].Name == Env + "Fault")
        {
            var code = (string?)content[0].Element("faultcode") ?? "soap:Server";
            throw new SoapFault(code[(code.IndexOf(':') + 1)..], (string?)content[0].Element("faultstring") ?? "");
        }
        return content[0];
    }
}

/// <summary>A SOAP Fault answered by the other side.</summary>
public sealed class SoapFault(string code, string text) : Exception($"SOAP Fault {code}: {text}")
{
    public string Code { get; } = code;
    public string Text { get; } = text;
}
