using Itm.Cli;

return ItmApp.Run(args);
