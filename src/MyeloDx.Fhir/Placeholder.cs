namespace MyeloDx.Fhir; internal static class Placeholder {}
