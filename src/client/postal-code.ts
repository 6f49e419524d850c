/**
 * Fills 都道府県, 市区町村 (the city: 千代田区) and 住所1 (the town: 千代田) as soon as a 7-digit postal code is
 * typed. Without this script the 「住所を検索」 button does the same on the server.
 */
type Address = { postalCode: string; prefecture: string; city: string; town: string };

export function wirePostalCodeFill(): void {
  const input = document.querySelector<HTMLInputElement>('input[name="postalCode"]');
  const prefecture = document.querySelector<HTMLSelectElement>('select[name="prefecture"]');
  const city = document.querySelector<HTMLInputElement>('input[name="city"]');
  const line1 = document.querySelector<HTMLInputElement>('input[name="address1"]');
  if (!input || !prefecture || !city) return;
  let last = "";
  input.addEventListener("input", async () => {
    const digits = input.value.normalize("NFKC").replace(/\D/g, "");
    if (digits.length !== 7 || digits === last) return;
    last = digits;
    try {
      const res = await fetch(`/api/postal-codes/${digits}`, { headers: { accept: "application/json" } });
      if (!res.ok) return;
      const { addresses } = (await res.json()) as { addresses: Address[] };
      const found = addresses[0];
      if (!found) return;
      prefecture.value = found.prefecture;
      // Never overwrite what the candidate already typed.
      if (!city.value.trim()) city.value = found.city;
      if (line1 && !line1.value.trim() && found.town) line1.value = found.town;
      city.dispatchEvent(new Event("change", { bubbles: true }));
    } catch {
      // Offline or blocked: the 「住所を検索」 button still works.
    }
  });
}
