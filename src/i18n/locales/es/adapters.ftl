## Compartido por los dos adaptadores: rechazos combinados en un grupo concurrido, archivos e imágenes.

digest-insufficient-credits = ⛔ No hay créditos suficientes en el monedero de este grupo para
digest-daily-cap = ⛔ Límite diario de créditos alcanzado para
digest-rate-limited = ⛔ Demasiados comandos a la vez de
digest-too-many-jobs = ⛔ Demasiados trabajos en curso o en espera para
digest-too-many-group-jobs = ⛔ Los trabajos de este grupo están en su límite para
digest-more = (y { $count } más)
digest-summary = { $headline }: { $names }{ $more } — { $count ->
    [one] { $count } comando
   *[other] { $count } comandos
}, no se cobró nada.

error-image-gone = Ya no pude obtener esa imagen del servicio de imágenes: puede que su enlace haya caducado.
error-file-too-large = «{ $name }» pesa más de { $size } { $unit ->
    [mb] MB
   *[kb] KB
}; envía un archivo más pequeño.
error-repeated-flag = --{ $flag } aparece { $count ->
    [2] dos veces
   *[other] { $count } veces
} ({ $shown }): indícalo una sola vez.
error-repeated-flag-and = { $first } y { $second }
error-repeated-flag-nothing = nada
