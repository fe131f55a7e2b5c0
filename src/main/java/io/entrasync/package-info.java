/**
 * entra-inbound-sync keeps Microsoft Entra ID in sync with an HR system through Microsoft Graph's API-driven inbound
 * provisioning ({@code /bulkUpload}). The root package holds only what spans every stage: the list of types Jackson
 * binds by reflection ({@link io.entrasync.NativeReflection}, for the native build). The stages live in packages of
 * their own, in pipeline order: {@code source} (extracts and HR APIs), {@code mapping}, {@code validate},
 * {@code delta}, {@code plan}, {@code upload} (with {@code graph}), {@code reconcile}, {@code report}; state in
 * {@code state} and {@code ledger}; the doors are {@code functions} (Azure Functions) and {@code cli} (picocli), which
 * hold no business logic. docs/architecture.md draws the whole.
 */
package io.entrasync;
