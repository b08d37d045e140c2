/** The overview page's data: member chains at a glance and the council's queue. */
export * from "./readOverview.ts";
