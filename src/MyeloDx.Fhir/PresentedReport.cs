namespace MyeloDx.Fhir;

/// <summary>A written report to carry in the Bundle (DiagnosticReport.presentedForm), e.g. the HTML case report.</summary>
public sealed record PresentedReport(string Title, string ContentType, byte[] Content);
