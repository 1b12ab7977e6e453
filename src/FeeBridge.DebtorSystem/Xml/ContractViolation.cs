namespace FeeBridge.DebtorSystem.Xml;

/// <summary>
/// A message that does not follow the contract, or is hostile (DTD, entities, oversize, too deep). Answered with a
/// SOAP Fault <c>Client</c>; nothing is changed. The message says what is wrong without echoing the content.
/// </summary>
public sealed class ContractViolation(string message) : Exception(message);
