module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<12xi32>, %arg1: tensor<10xui32>, %arg2: tensor<12xi1>) -> (tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<12xi1>) {
    %0 = stablehlo.negate %arg0 : tensor<12xi32>
    %1 = stablehlo.abs %arg0 : tensor<12xi32>
    %2 = stablehlo.sign %arg0 : tensor<12xi32>
    %3 = stablehlo.not %arg0 : tensor<12xi32>
    %4 = stablehlo.negate %arg1 : tensor<10xui32>
    %c = stablehlo.constant dense<0> : tensor<10xui32>
    %5 = stablehlo.compare NE, %arg1, %c, UNSIGNED : (tensor<10xui32>, tensor<10xui32>) -> tensor<10xi1>
    %6 = stablehlo.convert %5 : (tensor<10xi1>) -> tensor<10xui32>
    %7 = stablehlo.not %arg1 : tensor<10xui32>
    %8 = stablehlo.not %arg2 : tensor<12xi1>
    return %0, %1, %2, %3, %arg0, %arg0, %4, %arg1, %6, %7, %arg1, %8 : tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<12xi32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<10xui32>, tensor<12xi1>
  }
}
