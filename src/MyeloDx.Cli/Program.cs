using System.CommandLine;
using MyeloDx.Cli;
using MyeloDx.Cli.Commands;

// Thin shell: each command lives in Commands/ and calls the shared services in MyeloDx.Core.
var root = new RootCommand("MyeloDx: ranks the causes of new spinal cord dysfunction in a patient with cancer, with cited evidence. It supports, and does not replace, clinical judgment.");
root.Subcommands.Add(AssessCommand.Create());
root.Subcommands.Add(BatchCommand.Create());
root.Subcommands.Add(KnowledgeCommand.Create());
foreach (var extra in CommandRegistry.Extra()) root.Subcommands.Add(extra);
return CliRunner.Run(root, args);
