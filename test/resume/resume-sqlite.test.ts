// Resume codes through the real application on SQLite (the default backend, a temp DATA_DIR).
import { startApp } from "../helpers/app.js";
import { rulesScenario } from "./rules-scenarios.js";
import { journeyScenario } from "./scenarios.js";

journeyScenario(() => startApp());
rulesScenario(() => startApp());
