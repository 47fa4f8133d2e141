import { beforeAll, expect, it } from "vitest";
import { catalogueEvaluation, type CatalogueEvaluation } from "../helpers/catalogue-derivations.js";

let evaluation: CatalogueEvaluation;
beforeAll(async () => {
  evaluation = await catalogueEvaluation();
}, 1_200_000);

it("evaluates", () => {
  console.info(JSON.stringify(evaluation.timing), evaluation.entries.length);
  expect(evaluation.entries.length).toBe(60);
});
